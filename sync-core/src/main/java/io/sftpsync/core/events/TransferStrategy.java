package io.sftpsync.core.events;

/** How an operator-approved oversized file is written to the sink. */
public enum TransferStrategy {
    /** The chunked, resumable copy used for large files. */
    CHUNKED,
    /** The sink gets numbered parts plus a manifest, for sinks with per-file size limits. */
    SPLIT,
    /** A gzip stream to {@code name.gz}. */
    COMPRESS,
    /**
     * Handed to another system: the approval service publishes an {@link ExternalTransferRequested} and takes the
     * outcome from that system; the large-transfer service never runs it.
     */
    EXTERNAL
}
