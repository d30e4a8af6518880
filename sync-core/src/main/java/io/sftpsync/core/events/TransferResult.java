package io.sftpsync.core.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The outcome of one FileDiscovered event, published to {@code sftp.transfers.results}.
 *
 * @param eventId     unique id of this result
 * @param causationId the FileDiscovered event's id
 * @param scanId      the scan that queued the file
 * @param bytes       bytes written to the sink by this transfer (0 when skipped; a resumed transfer counts only
 *                    what it sent)
 * @param sha256      hex SHA-256 of the content as streamed, when computed; for a chunked (large) copy, SHA-256
 *                    over the ordered SHA-256 digests of its chunks (a hash list)
 * @param attempts    how many attempts the transfer took (1 = first try)
 * @param resumedFrom bytes a resumed transfer found durable at the sink and did not send again (0 for a fresh
 *                    copy)
 * @param error       the reason, for FAILED; a note (such as why a resume started over) otherwise
 */
public record TransferResult(
        int schemaVersion,
        UUID eventId,
        UUID causationId,
        UUID scanId,
        String path,
        SizeClass sizeClass,
        TransferStatus status,
        long bytes,
        long durationMs,
        String sha256,
        int attempts,
        long resumedFrom,
        String error,
        Instant finishedAt) implements SyncEvent {

    public TransferResult {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (status == TransferStatus.FAILED && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a FAILED result needs an error");
        }
    }

    public static TransferResult succeeded(FileDiscovered cause, long bytes, long durationMs, String sha256,
            int attempts, long resumedFrom, String note) {
        return of(cause, TransferStatus.SUCCEEDED, bytes, durationMs, sha256, attempts, resumedFrom, note);
    }

    public static TransferResult skipped(FileDiscovered cause, long durationMs, String note) {
        return of(cause, TransferStatus.SKIPPED, 0, durationMs, null, 1, 0, note);
    }

    public static TransferResult failed(FileDiscovered cause, long durationMs, int attempts, String error) {
        return of(cause, TransferStatus.FAILED, 0, durationMs, null, attempts, 0, error);
    }

    private static TransferResult of(FileDiscovered cause, TransferStatus status, long bytes, long durationMs,
            String sha256, int attempts, long resumedFrom, String error) {
        return new TransferResult(CURRENT_SCHEMA_VERSION, UUID.randomUUID(), cause.eventId(), cause.scanId(),
                cause.path(), cause.sizeClass(), status, bytes, durationMs, sha256, attempts, resumedFrom, error,
                Instant.now());
    }
}
