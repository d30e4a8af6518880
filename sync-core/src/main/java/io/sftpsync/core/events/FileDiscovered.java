package io.sftpsync.core.events;

import io.sftpsync.core.paths.RelativePath;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A source file the scanner found missing or out of date at the sink. Keyed on Kafka by {@link #path()}.
 *
 * @param eventId      unique id of this event; results refer to it as their causation id
 * @param scanId       the scan that found the file
 * @param path         path relative to the base path, '/'-separated, validated by {@link RelativePath}
 * @param size         source size in bytes
 * @param sourceMtime  source modification time
 * @param sinkSize     sink size when the sink had the file, else null
 * @param sinkMtime    sink modification time when the sink had the file, else null
 * @param reason       why it must be copied
 * @param sizeClass    the class that routed it
 * @param discoveredAt when the scanner decided
 * @param approval     the operator's approval, for oversized files republished by the approval service
 */
public record FileDiscovered(
        int schemaVersion,
        UUID eventId,
        UUID scanId,
        String path,
        long size,
        Instant sourceMtime,
        Long sinkSize,
        Instant sinkMtime,
        SyncReason reason,
        SizeClass sizeClass,
        Instant discoveredAt,
        Approval approval) implements SyncEvent {

    public FileDiscovered {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(scanId, "scanId");
        RelativePath.check(path);
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        Objects.requireNonNull(sourceMtime, "sourceMtime");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sizeClass, "sizeClass");
        Objects.requireNonNull(discoveredAt, "discoveredAt");
    }

    /** A new event of the current schema version. */
    public static FileDiscovered of(UUID scanId, String path, long size, Instant sourceMtime, Long sinkSize,
            Instant sinkMtime, SyncReason reason, SizeClass sizeClass, Instant discoveredAt) {
        return new FileDiscovered(CURRENT_SCHEMA_VERSION, UUID.randomUUID(), scanId, path, size, sourceMtime,
                sinkSize, sinkMtime, reason, sizeClass, discoveredAt, null);
    }

    /** The same file, approved by an operator, as a new event. */
    public FileDiscovered withApproval(Approval approval) {
        return new FileDiscovered(CURRENT_SCHEMA_VERSION, UUID.randomUUID(), scanId, path, size, sourceMtime,
                sinkSize, sinkMtime, reason, sizeClass, Instant.now(), approval);
    }
}
