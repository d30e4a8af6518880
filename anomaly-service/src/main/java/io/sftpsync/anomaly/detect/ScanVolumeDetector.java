package io.sftpsync.anomaly.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SCAN_VOLUME: a scan whose file count (files seen at the source) or queued bytes is at most threshold (default
 * 0.5) × the median of the recent scans, or at least median / threshold, once there are {@code minScans} (default
 * 5) recent scans. A ratio rather than a z-score: scan volumes are few and rarely vary smoothly, and "half of usual"
 * reads plainly. Recent scans whose median is 0 judge nothing (queued bytes are often 0: nothing changed).
 *
 * <p><b>Severity</b>: a source that now looks empty (0 files seen where the median is not 0) is CRITICAL: the old
 * system reported that as success, and a deletion-propagating sync would act on it. Any other fall, of files or of
 * queued bytes, is WARNING; a rise is INFO. <b>Score</b>: 1 −
 * threshold/ratio for a rise, 1 − ratio/threshold for a fall (0 at the limit, 1 at nothing).
 */
public final class ScanVolumeDetector {

    private final double threshold;
    private final int minScans;

    public ScanVolumeDetector(double threshold, int minScans) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("scan-volume.threshold must be between 0 and 1, was " + threshold);
        }
        if (minScans < 1) {
            throw new IllegalArgumentException("scan-volume.min-scans must be at least 1, was " + minScans);
        }
        this.threshold = threshold;
        this.minScans = minScans;
    }

    /**
     * @param filesSeen         files the scan saw at the source
     * @param bytesQueued       bytes it queued
     * @param recentFilesSeen   files seen by the recent scans of the same source (not this one)
     * @param recentBytesQueued bytes queued by them
     * @return up to two findings, files first
     */
    public List<Finding> detect(long filesSeen, long bytesQueued, List<Long> recentFilesSeen,
            List<Long> recentBytesQueued) {
        List<Finding> found = new ArrayList<>(2);
        judge(filesSeen, recentFilesSeen, true).ifPresent(found::add);
        judge(bytesQueued, recentBytesQueued, false).ifPresent(found::add);
        return List.copyOf(found);
    }

    private Optional<Finding> judge(long value, List<Long> recent, boolean files) {
        if (recent.size() < minScans) {
            return Optional.empty();
        }
        double median = Stats.median(recent);
        if (median <= 0) {
            return Optional.empty();
        }
        double ratio = value / median;
        String what = files ? value + " files seen" : Words.bytes(value) + " queued";
        String usual = files ? Words.number(median) + " files" : Words.bytes(median);
        String scans = " of the last " + recent.size() + " scans";
        String tail = " the median " + usual + scans;
        if (ratio <= threshold) {
            Severity severity = files && value == 0 ? Severity.CRITICAL : Severity.WARNING;
            String message = value == 0
                    ? (files ? "no files seen" : "nothing queued") + " where the median" + scans + " is " + usual
                    : what + " is " + Words.times(ratio) + tail;
            return Optional.of(Finding.of(AnomalyType.SCAN_VOLUME, severity, 1 - ratio / threshold,
                    message + (files && value == 0 ? ": the source looks empty" : "")));
        }
        if (ratio >= 1 / threshold) {
            return Optional.of(Finding.of(AnomalyType.SCAN_VOLUME, Severity.INFO,
                    Finding.beyond(ratio * threshold), what + " is " + Words.times(ratio) + tail));
        }
        return Optional.empty();
    }
}
