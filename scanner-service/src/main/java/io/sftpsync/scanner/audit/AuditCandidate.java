package io.sftpsync.scanner.audit;

import java.time.Instant;

/**
 * A pair the audit may hash: source and sink have the same size and mtime.
 *
 * @param path        the relative path
 * @param size        the size of both
 * @param mtime       the source's mtime (the sink's is the same)
 * @param lastAudited epoch seconds of the last audit of the path, {@link #NEVER} when none is known
 */
record AuditCandidate(String path, long size, Instant mtime, long lastAudited) {

    /** Sorts before every real time: never audited comes first. */
    static final long NEVER = Long.MIN_VALUE;
}
