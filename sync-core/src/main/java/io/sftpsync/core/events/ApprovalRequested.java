package io.sftpsync.core.events;

import io.sftpsync.core.paths.RelativePath;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An oversized file now waits for a decision: published to {@code sftp.approvals} once per approval (not per
 * scan that finds the file again), so the anomaly service and alerting see pending work.
 *
 * @param eventId     unique id of this event
 * @param approvalId  the approval's id in the approval service
 * @param causationId the {@link FileDiscovered} that created the approval
 * @param path        the file, relative to the base path
 * @param size        source size in bytes
 * @param sourceMtime source modification time
 * @param requestedAt when the approval was created
 */
public record ApprovalRequested(
        int schemaVersion,
        UUID eventId,
        String approvalId,
        UUID causationId,
        String path,
        long size,
        Instant sourceMtime,
        Instant requestedAt) implements SyncEvent {

    public ApprovalRequested {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(approvalId, "approvalId");
        RelativePath.check(path);
        Objects.requireNonNull(sourceMtime, "sourceMtime");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    public static ApprovalRequested of(String approvalId, FileDiscovered cause, Instant requestedAt) {
        return new ApprovalRequested(CURRENT_SCHEMA_VERSION, UUID.randomUUID(), approvalId, cause.eventId(),
                cause.path(), cause.size(), cause.sourceMtime(), requestedAt);
    }
}
