package io.sftpsync.anomaly.detect;

import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.topics.Thresholds;
import java.util.List;
import java.util.Optional;

/**
 * EXTREME_SIZE: a file over factor (default 10) × the upper boundary of its size class, or over factor × the median
 * size of the other current files of its directory (when there are at least {@code minFiles} of them, default 5,
 * and their median is not 0).
 *
 * <p>A class's upper boundary is {@code small} for SMALL, {@code large} for MEDIUM and {@code max} for LARGE and
 * OVERSIZED (which has no upper boundary): as the classes route by size, in practice only an oversized file can
 * be over factor × its class's boundary (100 GiB with the defaults).
 *
 * <p><b>Severity</b>: WARNING; CRITICAL at 10 × factor (1000× the directory's median with the defaults).
 * <b>Score</b>: 1 − limit/size, of the larger excess (0 just over the limit, 0.5 at twice it).
 */
public final class ExtremeSizeDetector {

    private final double factor;
    private final int minFiles;

    public ExtremeSizeDetector(double factor, int minFiles) {
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("extreme-size.factor must be at least 1, was " + factor);
        }
        if (minFiles < 1) {
            throw new IllegalArgumentException("extreme-size.min-files must be at least 1, was " + minFiles);
        }
        this.factor = factor;
        this.minFiles = minFiles;
    }

    /**
     * @param size           the file's size in bytes
     * @param sizeClass      the class it was routed to
     * @param thresholds     the class boundaries in force
     * @param directorySizes the latest sizes of the other files of its directory (not this one)
     * @return EXTREME_SIZE, or empty
     */
    public Optional<Finding> detect(long size, SizeClass sizeClass, Thresholds thresholds,
            List<Long> directorySizes) {
        long bound = switch (sizeClass) {
            case SMALL -> thresholds.small();
            case MEDIUM -> thresholds.large();
            case LARGE, OVERSIZED -> thresholds.max();
        };
        double classRatio = (double) size / bound;
        double dirMedian = directorySizes.size() >= minFiles ? Stats.median(directorySizes) : 0;
        double dirRatio = dirMedian > 0 ? size / dirMedian : 0;
        if (classRatio <= factor && dirRatio <= factor) {
            return Optional.empty();
        }
        double ratio = Math.max(classRatio, dirRatio);
        Severity severity = ratio >= factor * 10 ? Severity.CRITICAL : Severity.WARNING;
        String message = classRatio >= dirRatio
                ? Words.bytes(size) + " is " + Words.times(classRatio) + " the " + sizeClass + " class boundary "
                        + Words.bytes(bound) + " (limit " + Words.times(factor) + ")"
                : Words.bytes(size) + " is " + Words.times(dirRatio) + " the median " + Words.bytes(dirMedian)
                        + " of the " + directorySizes.size() + " other files in its directory (limit "
                        + Words.times(factor) + ")";
        return Optional.of(Finding.of(AnomalyType.EXTREME_SIZE, severity, Finding.beyond(ratio / factor), message));
    }
}
