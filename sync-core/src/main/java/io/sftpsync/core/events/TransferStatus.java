package io.sftpsync.core.events;

/** Outcome of one file's transfer. */
public enum TransferStatus {
    SUCCEEDED,
    /** The sink already matched the source when the transfer service re-checked it. */
    SKIPPED,
    FAILED
}
