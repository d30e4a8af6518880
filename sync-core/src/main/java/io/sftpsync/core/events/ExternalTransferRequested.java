package io.sftpsync.core.events;

import io.sftpsync.core.paths.RelativePath;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An approved oversized file handed to another system ({@link TransferStrategy#EXTERNAL}), published to the
 * configured external-transfer topic. That system reports the outcome through the approval API
 * ({@code POST /api/approvals/{id}/outcome}) or as a {@link TransferResult} whose causation id is this event's id.
 *
 * @param eventId     unique id of this event
 * @param approvalId  the approval's id
 * @param path        the file, relative to the source's base path
 * @param size        source size in bytes
 * @param sourceMtime source modification time
 * @param requestedBy who approved it
 * @param requestedAt when it was handed over
 */
public record ExternalTransferRequested(
        int schemaVersion,
        UUID eventId,
        String approvalId,
        String path,
        long size,
        Instant sourceMtime,
        String requestedBy,
        Instant requestedAt) implements SyncEvent {

    public ExternalTransferRequested {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(approvalId, "approvalId");
        RelativePath.check(path);
        Objects.requireNonNull(sourceMtime, "sourceMtime");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
