package io.sftpsync.transfer.verify;

import io.sftpsync.core.copy.CopyOutcome;
import io.sftpsync.core.copy.Digests;
import io.sftpsync.core.copy.TemporaryCheck;
import io.sftpsync.core.sftp.SftpSession;
import io.sftpsync.core.verify.VerificationFailedException;
import io.sftpsync.core.verify.VerifyMode;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import org.apache.sshd.sftp.client.SftpClient.Attributes;

/**
 * Checks a copy's complete temporary at the sink before it takes the real name: size and mtime by a stat, or the
 * SHA-256 by re-reading it. A mismatch leaves the sink's previous version in place.
 */
public final class Verifier {

    private Verifier() {
    }

    /**
     * The check of a verification mode.
     *
     * @param mode {@code none}, {@code size} or {@code checksum}
     * @return the check, throwing {@link VerificationFailedException} when the temporary differs
     */
    public static TemporaryCheck forMode(VerifyMode mode) {
        return switch (mode) {
            case NONE -> TemporaryCheck.NONE;
            case SIZE -> Verifier::sizeAndMtime;
            case CHECKSUM -> Verifier::checksum;
        };
    }

    private static void sizeAndMtime(SftpSession dst, String temporary, CopyOutcome written) throws IOException {
        Attributes a;
        try {
            a = dst.client().stat(temporary);
        } catch (IOException e) {
            throw dst.failure("verifying", temporary, e);
        }
        FileTime mtime = a.getModifyTime();
        long seconds = mtime == null ? 0 : mtime.toInstant().getEpochSecond();
        if (a.getSize() != written.bytes() || seconds != written.mtime().getEpochSecond()) {
            throw new VerificationFailedException("sink has " + a.getSize() + " bytes, mtime " + (mtime == null
                    ? "none" : mtime.toInstant()) + "; expected " + written.bytes() + " bytes, mtime " + written.mtime());
        }
    }

    private static void checksum(SftpSession dst, String temporary, CopyOutcome written) throws IOException {
        String actual = Digests.sha256(dst, temporary);
        if (!actual.equals(written.sha256())) {
            throw new VerificationFailedException("sink SHA-256 " + actual + " differs from the streamed "
                    + written.sha256());
        }
    }
}
