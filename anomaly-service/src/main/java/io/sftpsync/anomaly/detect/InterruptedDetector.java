package io.sftpsync.anomaly.detect;

import java.util.Optional;

/**
 * INTERRUPTED: a transfer that failed, or that succeeded only by resuming (part of the file was found at the sink
 * from an earlier, interrupted attempt) or after more than one attempt.
 *
 * <p><b>Severity</b>: INFO for a resumed or retried success (the system coped; a pattern of them points at the
 * link); WARNING for a failure; CRITICAL when this failure makes {@code repeatedFailures} (default 3) failures of
 * the same path within the retention (the file is not getting through). <b>Score</b>: failures / repeatedFailures,
 * at most 1 (a success that needed help: 0).
 */
public final class InterruptedDetector {

    private final int repeatedFailures;

    public InterruptedDetector(int repeatedFailures) {
        if (repeatedFailures < 2) {
            throw new IllegalArgumentException(
                    "interrupted.repeated-failures must be at least 2, was " + repeatedFailures);
        }
        this.repeatedFailures = repeatedFailures;
    }

    /**
     * @param failed         true when the transfer failed
     * @param attempts       attempts the transfer took (1 = first try)
     * @param resumedFrom    bytes found at the sink and not sent again (0 for a fresh copy)
     * @param error          the failure's reason, or null
     * @param earlierFailures failures of the same path before this one, within the retention
     * @return INTERRUPTED or empty (a clean first-try success)
     */
    public Optional<Finding> detect(boolean failed, int attempts, long resumedFrom, String error,
            int earlierFailures) {
        if (failed) {
            int failures = earlierFailures + 1;
            Severity severity = failures >= repeatedFailures ? Severity.CRITICAL : Severity.WARNING;
            String reason = error == null || error.isBlank() ? "" : ": " + error.strip();
            String times = failures == 1 ? "failed" : "failed for the " + ordinal(failures) + " time";
            return Optional.of(Finding.of(AnomalyType.INTERRUPTED, severity,
                    Math.min(1, (double) failures / repeatedFailures),
                    times + " after " + attempts + (attempts == 1 ? " attempt" : " attempts") + reason));
        }
        if (resumedFrom > 0) {
            return Optional.of(Finding.of(AnomalyType.INTERRUPTED, Severity.INFO, 0,
                    "completed by resuming from " + Words.bytes(resumedFrom) + " after an interrupted attempt"
                            + (attempts > 1 ? " (" + attempts + " attempts)" : "")));
        }
        if (attempts > 1) {
            return Optional.of(Finding.of(AnomalyType.INTERRUPTED, Severity.INFO, 0,
                    "completed after " + attempts + " attempts"));
        }
        return Optional.empty();
    }

    private static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
