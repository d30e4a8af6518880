package io.sftpsync.core.copy;

import java.time.Instant;

/**
 * What a finished copy wrote.
 *
 * @param bytes  bytes written to the sink
 * @param sha256 hex SHA-256 of the bytes as they were streamed
 * @param mtime  the source mtime, now also the sink's
 */
public record CopyOutcome(long bytes, String sha256, Instant mtime) {
}
