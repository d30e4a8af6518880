package io.sftpsync.anomaly.detect;

import java.util.Objects;

/**
 * What one detector found about one observation: the later consumer adds the path, ids and times and stores it.
 *
 * @param type     the kind of anomaly
 * @param severity how urgent
 * @param score    how far beyond the threshold, 0 (just over) to 1 (as far as it gets); each detector's Javadoc says
 *                 how it is computed
 * @param message  one plain sentence with the numbers, e.g. "5.1 GiB is 12.3× the median 415 MiB of the last 14
 *                 versions"
 */
public record Finding(AnomalyType type, Severity severity, double score, String message) {

    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be between 0 and 1, was " + score);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a finding needs a message");
        }
    }

    /** A finding whose score is clamped into 0–1 (NaN counts as 1: a ratio against nothing). */
    static Finding of(AnomalyType type, Severity severity, double score, String message) {
        return new Finding(type, severity, Double.isNaN(score) ? 1 : Math.max(0, Math.min(1, score)), message);
    }

    /**
     * The score of a measure {@code ratio} times past its limit: 0 at the limit, 0.5 at twice it, 0.9 at ten times
     * it, 1 when the limit is 0 or the ratio infinite.
     */
    static double beyond(double ratio) {
        if (Double.isInfinite(ratio) || Double.isNaN(ratio)) {
            return 1;
        }
        return ratio <= 1 ? 0 : 1 - 1 / ratio;
    }
}
