package io.sftpsync.core.events;

import io.sftpsync.core.paths.RelativePath;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The integrity audit hashed both sides of a file that looked identical by size and mtime. Published to the
 * compacted {@code sftp.audits}, keyed by {@link #path()}: the last record of a path says when it was last audited.
 *
 * @param auditId      the audit run
 * @param path         path relative to the base path, validated by {@link RelativePath}
 * @param size         the size both sides have
 * @param sourceMtime  the source's (and sink's) modification time
 * @param sourceSha256 lowercase hex SHA-256 of the source's bytes
 * @param sinkSha256   lowercase hex SHA-256 of the sink's bytes
 * @param matched      whether the two hashes are equal
 * @param auditedAt    when the hashing finished
 */
public record FileAudited(
        int schemaVersion,
        UUID auditId,
        String path,
        long size,
        Instant sourceMtime,
        String sourceSha256,
        String sinkSha256,
        boolean matched,
        Instant auditedAt) implements SyncEvent {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public FileAudited {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(auditId, "auditId");
        RelativePath.check(path);
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        Objects.requireNonNull(sourceMtime, "sourceMtime");
        checkHash("sourceSha256", sourceSha256);
        checkHash("sinkSha256", sinkSha256);
        if (matched != sourceSha256.equals(sinkSha256)) {
            throw new IllegalArgumentException("matched is " + matched + " but the hashes are "
                    + (matched ? "different" : "equal"));
        }
        Objects.requireNonNull(auditedAt, "auditedAt");
    }

    /** A new event of the current schema version; {@code matched} follows from the hashes. */
    public static FileAudited of(UUID auditId, String path, long size, Instant sourceMtime, String sourceSha256,
            String sinkSha256, Instant auditedAt) {
        return new FileAudited(CURRENT_SCHEMA_VERSION, auditId, path, size, sourceMtime, sourceSha256, sinkSha256,
                sourceSha256.equals(sinkSha256), auditedAt);
    }

    private static void checkHash(String name, String hex) {
        if (hex == null || !SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException(name + " must be 64 lowercase hex digits, was " + hex);
        }
    }
}
