package io.sftpsync.core.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Progress of a chunked transfer, one per chunk, published to {@code sftp.transfers.progress}.
 *
 * @param transferId     the transfer (stable across resumes of the same source version)
 * @param causationId    the FileDiscovered event being served
 * @param chunk          index of the chunk just completed
 * @param totalChunks    chunks in the file
 * @param bytesPerSecond rate since this attempt started
 * @param etaSeconds     estimated seconds to completion at that rate; null when unknown
 */
public record TransferProgress(
        int schemaVersion,
        UUID transferId,
        UUID causationId,
        String path,
        long bytesDone,
        long totalBytes,
        int chunk,
        int totalChunks,
        double bytesPerSecond,
        Long etaSeconds,
        Instant at) implements SyncEvent {

    public TransferProgress {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(at, "at");
    }
}
