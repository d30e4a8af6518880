package io.sftpsync.anomaly.detect;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * SLOW_TRANSFER: a finished transfer whose throughput (bytes sent / duration) is below factor (default 0.2) × the
 * median throughput of the recent transfers of its size class, once there are at least {@code minSamples} (default
 * 10) of them. Transfers that sent nothing (skipped, or resumed with nothing left) are not judged, nor transfers
 * shorter than {@code minDuration} (default 10 s): a file copied in a fraction of a second measures the link's
 * latency, not its throughput (a 4 KiB file "at 14 KiB/s" is no slow transfer); the median is taken over
 * transfers at least that long too.
 *
 * <p><b>Severity</b>: WARNING (slow is not broken, but a slow link or server makes the queue grow); CRITICAL below a
 * tenth of the limit (factor/10 × the median). <b>Score</b>: 1 − throughput/limit (0 at the limit, 1 at a
 * standstill).
 */
public final class SlowTransferDetector {

    private final double factor;
    private final int minSamples;
    private final Duration minDuration;

    public SlowTransferDetector(double factor, int minSamples, Duration minDuration) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("slow-transfer.factor must be between 0 and 1, was " + factor);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("slow-transfer.min-samples must be at least 1, was " + minSamples);
        }
        if (minDuration == null || minDuration.isNegative()) {
            throw new IllegalArgumentException("slow-transfer.min-duration must not be negative, was " + minDuration);
        }
        this.factor = factor;
        this.minSamples = minSamples;
        this.minDuration = minDuration;
    }

    /** Transfers shorter than this are neither judged nor part of the median. */
    public Duration minDuration() {
        return minDuration;
    }

    /**
     * @param bytes           bytes the transfer sent
     * @param duration        how long it took
     * @param className       its size class, for the sentence
     * @param classThroughput bytes a second of the class's recent transfers (not this one) that lasted at least
     *                        {@link #minDuration()}
     * @return SLOW_TRANSFER or empty
     */
    public Optional<Finding> detect(long bytes, Duration duration, String className, List<Double> classThroughput) {
        if (bytes <= 0 || duration.compareTo(minDuration) < 0 || classThroughput.size() < minSamples) {
            return Optional.empty();
        }
        double seconds = Math.max(duration.toMillis(), 1) / 1000.0;
        double throughput = bytes / seconds;
        double median = Stats.median(classThroughput);
        double limit = factor * median;
        if (!(throughput < limit)) {
            return Optional.empty();
        }
        Severity severity = throughput < limit / 10 ? Severity.CRITICAL : Severity.WARNING;
        return Optional.of(Finding.of(AnomalyType.SLOW_TRANSFER, severity, 1 - throughput / limit,
                Words.rate(throughput) + " (" + Words.bytes(bytes) + " in " + Words.duration(duration) + ") is "
                        + Words.times(throughput / median) + " the median " + Words.rate(median) + " of the last "
                        + classThroughput.size() + " " + className + " transfers (limit " + Words.times(factor)
                        + ")"));
    }
}
