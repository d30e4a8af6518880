package io.sftpsync.transfer.verify;

import io.sftpsync.core.copy.CopyOutcome;
import io.sftpsync.core.copy.Digests;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.verify.VerificationFailedException;
import io.sftpsync.core.verify.VerifyMode;
import java.io.IOException;
import java.util.Optional;

/** Checks a finished copy at the sink: size and mtime by a stat, or the SHA-256 by re-reading it. */
public final class Verifier {

    public Verifier() {
    }

    /**
     * Verifies one copy.
     *
     * @throws VerificationFailedException when the sink differs from what was written
     * @throws IOException                 when the sink cannot be read
     */
    public void verify(VerifyMode mode, SftpPool sink, FileDiscovered event, CopyOutcome outcome)
            throws IOException {
        switch (mode) {
            case NONE -> {
            }
            case SIZE -> {
                Optional<RemoteFile> stat = RemoteWalker.stat(sink, event.path());
                if (stat.isEmpty()) {
                    throw new VerificationFailedException("sink file missing after the copy");
                }
                RemoteFile f = stat.get();
                if (f.size() != outcome.bytes() || f.mtime().getEpochSecond() != outcome.mtime().getEpochSecond()) {
                    throw new VerificationFailedException("sink has " + f.size() + " bytes, mtime " + f.mtime()
                            + "; expected " + outcome.bytes() + " bytes, mtime " + outcome.mtime());
                }
            }
            case CHECKSUM -> {
                String actual = Digests.sha256(sink, event.path());
                if (!actual.equals(outcome.sha256())) {
                    throw new VerificationFailedException("sink SHA-256 " + actual + " differs from the streamed "
                            + outcome.sha256());
                }
            }
        }
    }
}
