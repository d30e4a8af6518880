package io.sftpsync.core.events;

import io.sftpsync.core.paths.RelativePath;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Another system asks for a sync: published to {@code sftp.scan.requests}; the scanner scans the subtree (or the
 * whole base path) and its {@link ScanCompleted} names this request's {@link #requestId()}.
 *
 * @param requestId   what the request's {@code ScanCompleted} carries back
 * @param subtree     a directory relative to the base path, checked as {@link RelativePath} does; "" for the
 *                    whole base path
 * @param dryRun      decide and report, publish no file
 * @param requester   who asked (a system's or a person's name), for the logs
 * @param requestedAt when it was asked
 */
public record ScanRequested(
        int schemaVersion,
        UUID requestId,
        String subtree,
        boolean dryRun,
        String requester,
        Instant requestedAt) implements SyncEvent {

    public ScanRequested {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(requestId, "requestId");
        subtree = normalSubtree(subtree);
        if (requester == null || requester.isBlank()) {
            throw new IllegalArgumentException("requester is empty: say who asks");
        }
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** A new request of the current schema version. */
    public static ScanRequested of(String subtree, boolean dryRun, String requester, Instant requestedAt) {
        return new ScanRequested(CURRENT_SCHEMA_VERSION, UUID.randomUUID(), subtree, dryRun, requester,
                requestedAt);
    }

    /**
     * A subtree as scans take it: null, "" and "." are the whole base path, a trailing '/' is dropped, and anything
     * else must be a safe relative path.
     *
     * @throws IllegalArgumentException naming the problem (absolute, '..', NUL, empty components)
     */
    public static String normalSubtree(String subtree) {
        if (subtree == null || subtree.isEmpty() || subtree.equals(".") || subtree.equals("./")) {
            return "";
        }
        String s = subtree.endsWith("/") ? subtree.substring(0, subtree.length() - 1) : subtree;
        try {
            return RelativePath.check(s);
        } catch (IllegalArgumentException e) {
            // Without the cause: readers report the innermost message, and this one names the field.
            throw new IllegalArgumentException("subtree: " + e.getMessage());
        }
    }
}
