package io.sftpsync.core.diff;

import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.listing.RemoteFile;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a source file must be copied, given what the sink holds under the same path: the one rule the
 * scanner uses to queue and the transfer services use to re-check before copying.
 */
public final class SyncDecision {

    private final Duration clockSkew;

    /**
     * @param clockSkew how much later the source mtime must be to count as newer; absorbs clock differences
     *                  and the whole-second mtimes of SFTP v3
     */
    public SyncDecision(Duration clockSkew) {
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must be zero or positive");
        }
        this.clockSkew = clockSkew;
    }

    /**
     * Decides for one file.
     *
     * @param source the source file
     * @param sink   the sink file of the same path, or null when there is none
     * @return why it must be copied, or empty when the sink already holds it
     */
    public Optional<SyncReason> decide(RemoteFile source, RemoteFile sink) {
        if (sink == null) {
            return Optional.of(SyncReason.MISSING);
        }
        if (source.mtime().isAfter(sink.mtime().plus(clockSkew))) {
            return Optional.of(SyncReason.NEWER);
        }
        if (source.size() != sink.size()) {
            return Optional.of(SyncReason.SIZE_DIFFERS);
        }
        return Optional.empty();
    }
}
