package io.sftpsync.core.topics;

import io.sftpsync.core.events.SizeClass;
import java.util.List;

/** Topic names, in one place so producers and consumers cannot drift apart. */
public final class Topics {

    public static final String FILES_SMALL = "sftp.files.small";
    public static final String FILES_MEDIUM = "sftp.files.medium";
    public static final String FILES_LARGE = "sftp.files.large";
    public static final String FILES_OVERSIZED = "sftp.files.oversized";
    /**
     * With the risk gate on: every discovery that is not oversized, keyed by path, for the anomaly service to pass
     * on to its class topic or hold ({@code sync.scan.risk-gate}, {@code sync.anomaly.risk-gate.enabled}).
     */
    public static final String FILES_SCREENING = "sftp.files.screening";
    /** Discoveries the risk gate held for approval ({@code FileHeld}), keyed by path. */
    public static final String FILES_HELD = "sftp.files.held";
    public static final String SCANS = "sftp.scans";
    /** Scans asked for by other systems ({@code ScanRequested}), keyed by request id. */
    public static final String SCAN_REQUESTS = "sftp.scan.requests";
    public static final String RESULTS = "sftp.transfers.results";
    public static final String PROGRESS = "sftp.transfers.progress";
    /** The scanner's queued files without a result yet, by path: compacted, a tombstone ends an entry. */
    public static final String SCAN_INFLIGHT = "sftp.scan.inflight";
    /** Approval requests and decisions ({@code ApprovalRequested}, {@code ApprovalDecided}). */
    public static final String APPROVALS = "sftp.approvals";
    /** Default topic for approved files handed to another system ({@code ExternalTransferRequested}). */
    public static final String EXTERNAL_TRANSFERS = "sftp.transfers.external";
    /** Anomalies the anomaly service found ({@code AnomalyDetected}), keyed by path, each once. */
    public static final String ANOMALIES = "sftp.anomalies";
    /** The integrity audit's verdict per file ({@code FileAudited}), keyed by path: compacted, the last one counts. */
    public static final String AUDITS = "sftp.audits";
    /** Sink files removed because the source no longer has them ({@code FileDeleted}), keyed by path. */
    public static final String DELETIONS = "sftp.deletions";
    /** Suffix of a topic's dead-letter topic. */
    public static final String DLT_SUFFIX = ".DLT";

    private Topics() {
    }

    /** The topic a file of the given class is published to. */
    public static String forClass(SizeClass sizeClass) {
        return switch (sizeClass) {
            case SMALL -> FILES_SMALL;
            case MEDIUM -> FILES_MEDIUM;
            case LARGE -> FILES_LARGE;
            case OVERSIZED -> FILES_OVERSIZED;
        };
    }

    /** Every file topic, small to oversized. */
    public static List<String> fileTopics() {
        return List.of(FILES_SMALL, FILES_MEDIUM, FILES_LARGE, FILES_OVERSIZED);
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }
}
