package io.sftpsync.scanner.scan;

import io.sftpsync.core.listing.RemoteFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files queued and not yet reported on, so that a scan does not queue again what an earlier scan queued
 * and a transfer service has not finished. An entry ends with the file's result, when the source changes,
 * or after a timeout, so a lost result cannot block a file for ever.
 *
 * <p>Every entry is also written to an {@link InFlightJournal} and read back by {@link #restore()} at start-up,
 * so a restart does not queue every queued file again. In memory an entry is a 64-bit digest of its path, of
 * its version (size, mtime) and of its event id ({@link InFlightTable}); two paths sharing a digest (odds about
 * n²/2⁶⁵) would at worst queue a file twice or defer it until the timeout.
 */
public final class InFlightRegistry {

    private static final Logger log = LoggerFactory.getLogger(InFlightRegistry.class);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final InFlightTable table = new InFlightTable();
    private final Duration timeout;
    private final Clock clock;
    private final InFlightJournal journal;
    private final boolean tracks;

    public InFlightRegistry(Duration timeout, Clock clock, InFlightJournal journal) {
        this(timeout, clock, journal, true);
    }

    /**
     * @param tracks false for a process that scans once and never reads the journal back (the once mode without
     *               {@code sync.scan.in-flight-restore}): one scan never asks twice for a path, so it keeps no entry
     *               in memory nor on the journal (about 64 bytes and a journal record a queued file), and only
     *               tombstones the journal records of earlier runs whose results it reads
     */
    public InFlightRegistry(Duration timeout, Clock clock, InFlightJournal journal, boolean tracks) {
        this.timeout = timeout;
        this.clock = clock;
        this.journal = journal;
        this.tracks = tracks;
    }

    /** True when this version of the file was queued within the timeout and has no result yet. */
    boolean isQueued(RemoteFile file) {
        if (!tracks) {
            return false;
        }
        long key = key(file.path());
        long version = version(file.size(), file.mtime());
        synchronized (table) {
            int slot = table.find(key);
            return slot >= 0 && table.version(slot) == version && !expired(table.queuedAt(slot));
        }
    }

    /** Records a queued file; the future completes when the journal has stored it. */
    CompletableFuture<?> queued(RemoteFile file, UUID eventId) {
        if (!tracks) {
            return CompletableFuture.completedFuture(null);
        }
        Instant now = clock.instant();
        long key = key(file.path());
        synchronized (table) {
            table.put(key, version(file.size(), file.mtime()), event(eventId), now.getEpochSecond());
            // Sent under the lock, so the journal receives a path's entries and tombstones in the table's order.
            return journal.write(file.path(), new InFlightEntry(file.size(), file.mtime(), eventId, now));
        }
    }

    /**
     * A result arrived, or the event was never sent: the file may be queued again. Results of older events
     * leave a newer entry alone. A result for no entry in memory tombstones the path's journal record anyway:
     * it may be one this process did not restore (once mode) or has forgotten (expired). The tombstone is sent,
     * not awaited: see {@link #flush()}.
     */
    public void finished(String path, UUID causationId) {
        long key = key(path);
        synchronized (table) {
            int slot = table.find(key);
            if (slot >= 0 && table.event(slot) != event(causationId)) {
                return;
            }
            table.remove(key);
            journal.remove(path).whenComplete((r, e) -> {
                if (e != null) {
                    log.warn("could not end the in-flight entry of {} on the journal: {}", path, e.toString());
                }
            });
        }
    }

    /** Waits until the journal has stored every entry and tombstone sent so far. */
    public void flush() {
        journal.flush();
    }

    /**
     * Forgets entries past the timeout. Their journal records stay until {@link #restore()} removes them at the
     * next start, or a later queueing of the same path replaces them: without the path, only its digest, they
     * cannot be tombstoned here.
     *
     * @return how many were forgotten
     */
    int removeExpired() {
        synchronized (table) {
            return table.removeQueuedBefore(cutoff());
        }
    }

    /**
     * Reads the journal back: the entries of earlier runs that have neither a result nor expired are in flight
     * again; expired ones are tombstoned and not restored. Call it before the first scan and before results are
     * consumed.
     *
     * @return how many entries were restored
     */
    public int restore() {
        synchronized (table) {
            journal.replay((path, entry) -> {
                if (entry == null) {
                    table.remove(key(path));
                } else {
                    table.put(key(path), version(entry.size(), entry.mtime()), event(entry.eventId()),
                            entry.queuedAt().getEpochSecond());
                }
            });
            int[] expired = {0};
            if (table.countQueuedBefore(cutoff()) > 0) {
                // A second pass has the paths the table does not keep; a record is the one that expired when
                // it carries the event of the table's entry.
                journal.replay((path, entry) -> {
                    long key = key(path);
                    int slot = table.find(key);
                    if (entry != null && slot >= 0 && table.event(slot) == event(entry.eventId())
                            && expired(table.queuedAt(slot))) {
                        table.remove(key);
                        journal.remove(path);
                        expired[0]++;
                    }
                });
                journal.flush();
            }
            log.info("in-flight registry: {} queued files of earlier runs restored, {} expired entries removed",
                    table.size(), expired[0]);
            return table.size();
        }
    }

    /** Forgets every entry (in memory only): a scanner that stops leading, or takes over and reads the journal. */
    public void clear() {
        synchronized (table) {
            table.removeQueuedBefore(Long.MAX_VALUE);
        }
    }

    /**
     * Whether a file queued at or before {@code instant} (to the second) still has no result and has not expired:
     * what a scan's deletions wait for.
     */
    public boolean anyQueuedUpTo(Instant instant) {
        synchronized (table) {
            return table.countQueuedBefore(instant.getEpochSecond() + 1) > table.countQueuedBefore(cutoff());
        }
    }

    public int size() {
        synchronized (table) {
            return table.size();
        }
    }

    private boolean expired(long queuedAtSecond) {
        return queuedAtSecond < cutoff();
    }

    /** Entries queued before this second are past the timeout. */
    private long cutoff() {
        return clock.instant().minus(timeout).getEpochSecond() + 1;
    }

    /** The first 64 bits of the path's SHA-256, never 0 (the table's empty slot). */
    static long key(String path) {
        byte[] digest = SHA256.get().digest(path.getBytes(StandardCharsets.UTF_8));
        long key = ByteBuffer.wrap(digest).getLong();
        return key == 0 ? 1 : key;
    }

    static long version(long size, Instant mtime) {
        return mix(mix(mix(size) ^ mtime.getEpochSecond()) ^ mtime.getNano());
    }

    static long event(UUID id) {
        return mix(id.getMostSignificantBits()) ^ id.getLeastSignificantBits();
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
