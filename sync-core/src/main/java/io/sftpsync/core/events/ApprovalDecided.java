package io.sftpsync.core.events;

import io.sftpsync.core.paths.RelativePath;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A pending approval left the queue: approved (by a person or a policy rule), rejected, expired, or superseded by
 * a newer version of the file. Published to {@code sftp.approvals}.
 *
 * @param eventId    unique id of this event
 * @param approvalId the approval's id in the approval service
 * @param path       the file, relative to the base path
 * @param size       source size in bytes
 * @param decision   {@code APPROVED}, {@code REJECTED}, {@code EXPIRED} or {@code SUPERSEDED}
 * @param strategy   the strategy approved; null unless approved
 * @param partSize   bytes per part for {@link TransferStrategy#SPLIT}; null otherwise
 * @param decidedBy  the authenticated user, {@code rule:<name>} for a policy, or {@code system} (expiry,
 *                   supersession)
 * @param comment    the operator's comment or reason; may be null
 * @param decidedAt  when it was decided
 */
public record ApprovalDecided(
        int schemaVersion,
        UUID eventId,
        String approvalId,
        String path,
        long size,
        String decision,
        TransferStrategy strategy,
        Long partSize,
        String decidedBy,
        String comment,
        Instant decidedAt) implements SyncEvent {

    public ApprovalDecided {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(approvalId, "approvalId");
        RelativePath.check(path);
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
