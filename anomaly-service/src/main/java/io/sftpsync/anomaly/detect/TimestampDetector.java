package io.sftpsync.anomaly.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * OLD_FILE and FUTURE_TIMESTAMP: a modification time older than {@code age} (default 365 days) before now, or
 * later than now + {@code clockSkew} (default 5 minutes, so clocks a little apart are not reported).
 *
 * <p>The detector answers for one observation; "once per file version" is the consumer's {@link Dedupe} on (path,
 * type, size + mtime): a later scan of the same version gets the same key and is not stored again.
 *
 * <p><b>Severity</b>: OLD_FILE is INFO (an old file is usually an archive, sometimes a source that stopped being
 * written); FUTURE_TIMESTAMP is WARNING (a wrong clock at the source makes newer-than comparisons lie), CRITICAL when
 * more than a day ahead. <b>Score</b>: 1 − limit/excess, the limit being {@code age} for OLD_FILE and {@code
 * clockSkew} (at least a minute) for FUTURE_TIMESTAMP.
 */
public final class TimestampDetector {

    private final Duration age;
    private final Duration clockSkew;

    public TimestampDetector(Duration age, Duration clockSkew) {
        if (age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("old-file.age must be positive, was " + age);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock-skew must not be negative, was " + clockSkew);
        }
        this.age = age;
        this.clockSkew = clockSkew;
    }

    /**
     * @param mtime the file's modification time
     * @param now   the time of the observation
     * @return OLD_FILE, FUTURE_TIMESTAMP or empty
     */
    public Optional<Finding> detect(Instant mtime, Instant now) {
        Duration behind = Duration.between(mtime, now);
        if (behind.compareTo(age) > 0) {
            return Optional.of(Finding.of(AnomalyType.OLD_FILE, Severity.INFO,
                    Finding.beyond(seconds(behind) / seconds(age)),
                    "modified " + Words.date(mtime) + ", " + Words.duration(behind) + " ago (older than "
                            + Words.duration(age) + ")"));
        }
        Duration ahead = behind.negated();
        if (ahead.compareTo(clockSkew) > 0) {
            Severity severity = ahead.compareTo(Duration.ofDays(1)) > 0 ? Severity.CRITICAL : Severity.WARNING;
            double limit = Math.max(seconds(clockSkew), 60);
            return Optional.of(Finding.of(AnomalyType.FUTURE_TIMESTAMP, severity,
                    Finding.beyond(seconds(ahead) / limit),
                    "modified " + mtime + ", " + Words.duration(ahead) + " after now (" + now + "; clock-skew "
                            + "tolerance " + Words.duration(clockSkew) + ")"));
        }
        return Optional.empty();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
