package io.sftpsync.core.events;

/** Marker for every event on the wire; each carries the schema version it was written with. */
public sealed interface SyncEvent permits FileDiscovered, ScanCompleted, TransferProgress, TransferResult, ApprovalRequested,
        ApprovalDecided, ExternalTransferRequested, AnomalyDetected, FileHeld, FileAudited,
        ScanRequested, FileDeleted {
    /** The schema version this code writes. Readers accept this version and older ones. */
    int CURRENT_SCHEMA_VERSION = 1;

    int schemaVersion();

    /** Rejects a version this code cannot read. */
    static int checkVersion(int version) {
        if (version < 1 || version > CURRENT_SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported schemaVersion " + version
                    + " (this build reads 1.." + CURRENT_SCHEMA_VERSION + ")");
        }
        return version;
    }
}
