package io.sftpsync.scanner.scan;

import io.sftpsync.core.listing.RemoteFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files queued and not yet reported on, so that a scan does not queue again what an earlier scan queued
 * and a transfer service has not finished. An entry ends with the file's result, when the source changes,
 * or after a timeout, so a lost result cannot block a file for ever.
 */
public final class InFlightRegistry {

    private record Entry(long size, Instant mtime, UUID eventId, Instant queuedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final Clock clock;

    public InFlightRegistry(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
    }

    /** True when this version of the file was queued within the timeout and has no result yet. */
    boolean isQueued(RemoteFile file) {
        Entry e = entries.get(file.path());
        return e != null && e.size() == file.size() && e.mtime().equals(file.mtime())
                && e.queuedAt().plus(timeout).isAfter(clock.instant());
    }

    void queued(RemoteFile file, UUID eventId) {
        entries.put(file.path(), new Entry(file.size(), file.mtime(), eventId, clock.instant()));
    }

    /** A result arrived: the file may be queued again. Results of older events leave a newer entry alone. */
    public void finished(String path, UUID causationId) {
        entries.computeIfPresent(path, (p, e) -> e.eventId().equals(causationId) ? null : e);
    }

    public int size() {
        return entries.size();
    }
}
