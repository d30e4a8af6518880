package io.sftpsync.anomaly.detect;

/** What kind of thing is unusual; docs/operations.md ("Anomalies") says what each means and what to do. */
public enum AnomalyType {
    /** A file far larger than its size class's boundary or than the files beside it. */
    EXTREME_SIZE,
    /** A file much larger than its own earlier versions (or its name pattern's, or its directory's files). */
    SIZE_GROWTH,
    /** A file much smaller than its own earlier versions (or its name pattern's, or its directory's files). */
    SIZE_SHRINK,
    /** A modification time older than the configured age. */
    OLD_FILE,
    /** A modification time later than now plus the clock-skew tolerance. */
    FUTURE_TIMESTAMP,
    /** A transfer far slower than the rolling median of its size class. */
    SLOW_TRANSFER,
    /** An active transfer that reported no progress for the configured time. */
    STALLED_TRANSFER,
    /** The sink's size differs from the source's after a transfer or in an audit. */
    SIZE_MISMATCH,
    /** The sink's content hash differs from the source's after a transfer or in an audit. */
    CHECKSUM_MISMATCH,
    /** A failed or resumed transfer; repeated failures of one path. */
    INTERRUPTED,
    /** A directory or name pattern with a regular rhythm has not got its next file in time. */
    LATE_ARRIVAL,
    /** A scan whose file count or queued bytes differ sharply from recent scans. */
    SCAN_VOLUME,
    /** Bytes queued for the sink beyond its free space or the configured budget. */
    RESOURCE_IMPACT,
    /** A scan would have deleted more sink files than {@code sync.delete.max} or its fraction allow: none deleted. */
    MASS_DELETION
}
