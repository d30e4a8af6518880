package io.sftpsync.anomaly.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * STALLED_TRANSFER: an active transfer (started, no result yet) whose last progress event, or its start when it
 * has none, is longer ago than {@code after} (default 10 minutes). Asked periodically by the later consumer for
 * every active transfer; the dedupe key is the transfer's id, so one stall is one anomaly.
 *
 * <p><b>Severity</b>: WARNING; CRITICAL once stalled for 6 × {@code after} (an hour with the default). <b>Score</b>:
 * 1 − after/stalled-for.
 */
public final class StalledTransferDetector {

    private final Duration after;

    public StalledTransferDetector(Duration after) {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("stalled-transfer.after must be positive, was " + after);
        }
        this.after = after;
    }

    /** How long without progress makes a transfer stalled. */
    public Duration after() {
        return after;
    }

    /**
     * @param active       true while the transfer has no result
     * @param lastProgress the last progress event's time, or the transfer's start
     * @param bytesDone    bytes done at that event
     * @param totalBytes   the file's size
     * @param now          the time of the check
     * @return STALLED_TRANSFER or empty
     */
    public Optional<Finding> detect(boolean active, Instant lastProgress, long bytesDone, long totalBytes,
            Instant now) {
        Duration stalled = Duration.between(lastProgress, now);
        if (!active || stalled.compareTo(after) <= 0) {
            return Optional.empty();
        }
        Severity severity = stalled.compareTo(after.multipliedBy(6)) >= 0 ? Severity.CRITICAL : Severity.WARNING;
        return Optional.of(Finding.of(AnomalyType.STALLED_TRANSFER, severity,
                Finding.beyond((double) stalled.toMillis() / after.toMillis()),
                "no progress for " + Words.duration(stalled) + " (since " + lastProgress + ", limit "
                        + Words.duration(after) + ") at " + Words.bytes(bytesDone) + " of " + Words.bytes(totalBytes)));
    }
}
