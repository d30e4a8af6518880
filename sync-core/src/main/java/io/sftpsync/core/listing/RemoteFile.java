package io.sftpsync.core.listing;

import java.time.Instant;

/**
 * A regular file found by a listing.
 *
 * @param path  path relative to the base path, '/'-separated
 * @param size  bytes
 * @param mtime modification time (SFTP v3 carries whole seconds)
 */
public record RemoteFile(String path, long size, Instant mtime) {
}
