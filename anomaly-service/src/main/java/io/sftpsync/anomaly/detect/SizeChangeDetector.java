package io.sftpsync.anomaly.detect;

import java.util.Locale;
import java.util.Optional;

/**
 * SIZE_GROWTH and SIZE_SHRINK: a robust z-score of a file's size against its history ({@link SizeHistory#choose}),
 * on log sizes so that doubling and halving weigh the same: M = 0.6745·(ln(1+x) − median)/MAD, a finding when
 * |M| > threshold (default 3.5) and the history has at least {@code minSamples} (default 7) sizes; fewer: no verdict.
 *
 * <p><b>Zero bytes.</b> Sizes are taken as ln(1 + bytes), so an empty file is 0 and needs no special case: an empty
 * version of a file that used to have bytes is a shrink, an empty file among empty files is normal.
 *
 * <p><b>MAD of 0.</b> When the history never varied (or barely), MAD would be 0 and any byte more infinitely
 * unusual; the MAD is floored at ln(1 + relativeTolerance)·0.6745/threshold, so that a size exactly
 * (1 + relativeTolerance) times the median (default 1.5×), or that fraction of it, scores |M| = threshold, and only
 * a larger change is a finding.
 *
 * <p><b>Severity.</b> CRITICAL when the size is at least 10× a median that is not 0, or at most a tenth of the
 * median (an empty file included): the risk gate holds such files; WARNING otherwise (bytes where there used to be
 * none included: unusual, but nothing is lost). <b>Score</b>: 1 − threshold/|M| (0 just over the
 * threshold, 0.5 at twice it).
 */
public final class SizeChangeDetector {

    /** The normal distribution's 0.75 quantile: makes the MAD comparable to a standard deviation. */
    static final double CONSISTENCY = 0.6745;
    /** A size this many times the median (or its inverse) is CRITICAL. */
    static final double CRITICAL_RATIO = 10;

    private final int minSamples;
    private final double threshold;
    private final double madFloor;

    public SizeChangeDetector(int minSamples, double threshold, double relativeTolerance) {
        if (minSamples < 1) {
            throw new IllegalArgumentException("growth.min-samples must be at least 1, was " + minSamples);
        }
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("growth.threshold must be greater than 0, was " + threshold);
        }
        if (!(relativeTolerance > 0)) {
            throw new IllegalArgumentException(
                    "growth.relative-tolerance must be greater than 0, was " + relativeTolerance);
        }
        this.minSamples = minSamples;
        this.threshold = threshold;
        this.madFloor = Math.log1p(relativeTolerance) * CONSISTENCY / threshold;
    }

    public int minSamples() {
        return minSamples;
    }

    /**
     * @param size    the new version's size in bytes
     * @param history the earlier sizes it is judged against
     * @return SIZE_GROWTH or SIZE_SHRINK, or empty: normal, or too little history for a verdict
     */
    public Optional<Finding> detect(long size, SizeHistory history) {
        if (history.sizes().size() < minSamples) {
            return Optional.empty();
        }
        double[] logs = history.sizes().stream().mapToDouble(Math::log1p).toArray();
        double median = Stats.median(logs);
        double mad = Math.max(Stats.mad(logs), madFloor);
        double m = CONSISTENCY * (Math.log1p(size) - median) / mad;
        if (Math.abs(m) <= threshold) {
            return Optional.empty();
        }
        double medianBytes = Stats.median(history.sizes());
        double ratio = medianBytes == 0 ? Double.POSITIVE_INFINITY : size / medianBytes;
        boolean growth = m > 0;
        boolean critical = medianBytes > 0 && (ratio >= CRITICAL_RATIO || ratio <= 1 / CRITICAL_RATIO);
        Severity severity = critical ? Severity.CRITICAL : Severity.WARNING;
        String comparison = medianBytes == 0
                ? Words.bytes(size) + " where the median of " + history.describe() + " is 0 B"
                : Words.bytes(size) + " is " + Words.times(ratio) + " the median " + Words.bytes(medianBytes) + " of "
                        + history.describe();
        String score = String.format(Locale.ROOT, " (robust z %.1f, limit %s)", m, Words.number(threshold));
        return Optional.of(Finding.of(growth ? AnomalyType.SIZE_GROWTH : AnomalyType.SIZE_SHRINK, severity,
                Finding.beyond(Math.abs(m) / threshold), comparison + score));
    }
}
