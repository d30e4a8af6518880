package io.sftpsync.boot.proof;

import io.sftpsync.boot.config.PasswordFile;
import io.sftpsync.core.approval.ApprovalProof;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The approval proof of this process, from {@code sync.proof.*}; empty when no key is configured, in which case
 * approvals can neither be signed nor accepted.
 */
public final class ProofKey {

    /** What a message says to an operator whose process has no key. */
    public static final String HOW_TO_CONFIGURE = "set sync.proof.key (environment SYNC_PROOF_KEY, at least "
            + ApprovalProof.MIN_KEY_BYTES + " bytes) or sync.proof.key-file, the same in the approval and the "
            + "large-transfer service";

    private final ApprovalProof proof;

    private ProofKey(ApprovalProof proof) {
        this.proof = proof;
    }

    public static ProofKey of(ProofProperties properties) {
        if (properties.key() != null && !properties.key().isEmpty()) {
            return new ProofKey(proof("sync.proof.key", properties.key()));
        }
        Path file = properties.keyFile();
        if (file == null) {
            return new ProofKey(null);
        }
        if (properties.createKeyFile() && !Files.exists(file)) {
            create(file);
        }
        return new ProofKey(proof("sync.proof.key-file " + file, PasswordFile.read("sync.proof.key-file", file)));
    }

    /** The proof, when a key is configured. */
    public Optional<ApprovalProof> proof() {
        return Optional.ofNullable(proof);
    }

    /** The proof, or a clear error naming the settings. */
    public ApprovalProof require(String who) {
        if (proof == null) {
            throw new IllegalStateException(who + " needs the approval proof key: " + HOW_TO_CONFIGURE);
        }
        return proof;
    }

    private static ApprovalProof proof(String source, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < ApprovalProof.MIN_KEY_BYTES) {
            throw new IllegalStateException(source + ": the key has " + bytes.length + " bytes, at least "
                    + ApprovalProof.MIN_KEY_BYTES + " are needed");
        }
        return new ApprovalProof(bytes);
    }

    /** 256 random bits as hex, written to a file created owner-only (never readable by others, even briefly). */
    private static void create(Path file) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            // another process of the same data directory created it first: use theirs
        } catch (IOException e) {
            throw new UncheckedIOException("sync.proof.key-file: cannot create " + file + ": " + e.getMessage(), e);
        }
    }
}
