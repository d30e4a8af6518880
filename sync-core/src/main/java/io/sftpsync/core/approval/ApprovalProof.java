package io.sftpsync.core.approval;

import io.sftpsync.core.events.Approval;
import io.sftpsync.core.events.FileDiscovered;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The proof that an approved oversized file was approved by the approval service: HMAC-SHA256, under a key only
 * the approval and large-transfer services hold, over the approval's id, strategy, part size and operator and the
 * file's path, size and mtime. Anyone who can write to the large-file topic can forge a record, but not its proof;
 * and a proof does not carry over to another file, another version of the file, or another strategy.
 */
public final class ApprovalProof {

    private static final String ALGORITHM = "HmacSHA256";
    /** Bumped when the signed fields change, so old proofs fail instead of meaning something else. */
    private static final String VERSION = "sftp-sync approval proof v1";
    /** Fewer bytes would make the HMAC guessable; 32 is SHA-256's own size. */
    public static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    public ApprovalProof(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("an approval proof key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The event with its approval signed. */
    public FileDiscovered sign(FileDiscovered event) {
        if (event.approval() == null) {
            throw new IllegalArgumentException("no approval to sign on " + event.path());
        }
        return event.withApproval(event.approval().withProof(proofOf(event)));
    }

    /** Whether the event carries an approval whose proof matches its fields under this key. */
    public boolean verify(FileDiscovered event) {
        Approval approval = event.approval();
        if (approval == null || approval.proof() == null) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(approval.proof());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, HexFormat.of().parseHex(proofOf(event)));
    }

    private String proofOf(FileDiscovered event) {
        Approval a = event.approval();
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(message(event, a)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** Length-prefixed fields, so no two different field lists give the same bytes. */
    private static byte[] message(FileDiscovered event, Approval a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, VERSION);
            field(out, a.approvalId());
            field(out, a.strategy().name());
            out.writeLong(a.partSize() == null ? -1 : a.partSize());
            field(out, a.operator() == null ? "" : a.operator());
            field(out, event.path());
            out.writeLong(event.size());
            out.writeLong(event.sourceMtime().getEpochSecond());
            out.writeInt(event.sourceMtime().getNano());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
