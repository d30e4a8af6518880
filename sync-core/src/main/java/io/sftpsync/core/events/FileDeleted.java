package io.sftpsync.core.events;

import io.sftpsync.core.paths.RelativePath;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A sink file the source no longer has was removed from the sink ({@code sync.delete.enabled}), after the copies of
 * the scan that found it had succeeded. Published to {@code sftp.deletions}, keyed by {@link #path()}.
 *
 * @param eventId   unique id of this deletion
 * @param scanId    the scan that found the file at the sink only
 * @param path      path relative to the base path, validated by {@link RelativePath}
 * @param size      the sink file's size when it was removed
 * @param mtime     the sink file's modification time when it was removed
 * @param movedTo   where the file now is, an absolute path at the sink under {@code sync.delete.backup-dir}; null
 *                  when it was deleted outright
 * @param deletedAt when it was removed
 */
public record FileDeleted(
        int schemaVersion,
        UUID eventId,
        UUID scanId,
        String path,
        long size,
        Instant mtime,
        String movedTo,
        Instant deletedAt) implements SyncEvent {

    public FileDeleted {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(scanId, "scanId");
        RelativePath.check(path);
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        Objects.requireNonNull(mtime, "mtime");
        if (movedTo != null && !movedTo.startsWith("/")) {
            throw new IllegalArgumentException("movedTo must be an absolute path, was " + movedTo);
        }
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    /** A new event of the current schema version. */
    public static FileDeleted of(UUID scanId, String path, long size, Instant mtime, String movedTo,
            Instant deletedAt) {
        return new FileDeleted(CURRENT_SCHEMA_VERSION, UUID.randomUUID(), scanId, path, size, mtime, movedTo,
                deletedAt);
    }
}
