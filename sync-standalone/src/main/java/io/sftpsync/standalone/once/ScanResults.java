package io.sftpsync.standalone.once;

import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the once mode keeps of the results it reads, bounded whatever the number of files: counts and bytes per
 * class and status, the first {@link #NOTABLE_LIMIT} notable results (failures, retries, resumes, notes) and how
 * many more there were, and the same for results of events an earlier run queued. Only the ids of the events
 * answered grow with the files, at about 16 bytes each ({@link SeenIds}), so that a redelivered event's second
 * result is not counted twice. Not thread-safe.
 */
final class ScanResults {

    /** Results listed by name at most, per section of the summary; the counts are always complete. */
    static final int NOTABLE_LIMIT = 50;

    private static final int CLASSES = SizeClass.values().length;
    private static final int STATUSES = TransferStatus.values().length;

    private final UUID scanId;
    private final SeenIds answered;
    private final SeenIds answeredEarlier = new SeenIds();
    private final long[] files = new long[CLASSES * STATUSES];
    private final long[] bytes = new long[CLASSES * STATUSES];
    private final List<TransferResult> notable = new ArrayList<>();
    private final List<TransferResult> earlierListed = new ArrayList<>();
    private long notableMore;
    private long held;
    private long earlierCount;
    private long earlierMovedFiles;
    private long earlierMovedBytes;
    private long resumedBytes;
    private long durationMs;

    /**
     * @param scanId the scan whose results these are; results of any other scan are an earlier run's
     */
    ScanResults(UUID scanId) {
        this(scanId, 0);
    }

    /**
     * @param expected how many results of this scan will likely arrive: room for their ids is made at once, so
     *                 that the set does not grow (and hold its old arrays beside the new ones) meanwhile
     */
    ScanResults(UUID scanId, long expected) {
        this.scanId = scanId;
        this.answered = new SeenIds((int) Math.min(Math.max(expected, 0), 1 << 28));
    }

    /** Results of this scan, of all of them given. */
    static ScanResults of(UUID scanId, Collection<TransferResult> results) {
        ScanResults r = new ScanResults(scanId);
        results.forEach(r::add);
        return r;
    }

    /**
     * Counts a result unless its event was answered already.
     *
     * @return true when it is the first result of an event of this scan
     */
    boolean add(TransferResult r) {
        if (!scanId.equals(r.scanId())) {
            if (answeredEarlier.add(r.causationId())) {
                earlierCount++;
                if (r.status() == TransferStatus.SUCCEEDED) {
                    earlierMovedFiles++;
                    earlierMovedBytes += r.bytes();
                }
                if (earlierListed.size() < NOTABLE_LIMIT) {
                    earlierListed.add(r);
                }
            }
            return false;
        }
        if (!answered.add(r.causationId())) {
            return false;
        }
        if (r.sizeClass() != null) {
            int cell = cell(r.sizeClass(), r.status());
            files[cell]++;
            bytes[cell] += r.bytes();
        }
        resumedBytes += r.resumedFrom();
        durationMs += r.durationMs();
        if (isNotable(r)) {
            if (notable.size() < NOTABLE_LIMIT) {
                notable.add(r);
            } else {
                notableMore++;
            }
        }
        return true;
    }

    /**
     * Counts a discovery of this scan that the risk gate held for approval: it gets no result in this run.
     *
     * @return true the first time the event is seen (held or answered)
     */
    boolean held(UUID eventId) {
        if (!answered.add(eventId)) {
            return false;
        }
        held++;
        return true;
    }

    /** Discoveries of this scan the risk gate held for approval. */
    long held() {
        return held;
    }

    /** Worth a line of its own: a failure, a file that resumed, needed retries, or carries a note. */
    static boolean isNotable(TransferResult r) {
        return r.status() == TransferStatus.FAILED || r.resumedFrom() > 0 || r.attempts() > 1
                || (r.status() == TransferStatus.SUCCEEDED && r.error() != null);
    }

    UUID scanId() {
        return scanId;
    }

    /** Results of this scan with that class and status. */
    long files(SizeClass sizeClass, TransferStatus status) {
        return files[cell(sizeClass, status)];
    }

    /** Bytes sent by the results of this scan with that class and status. */
    long bytes(SizeClass sizeClass, TransferStatus status) {
        return bytes[cell(sizeClass, status)];
    }

    /** Results of this scan whose class is one of these. */
    long received(Set<SizeClass> classes) {
        long n = 0;
        for (SizeClass c : classes) {
            for (TransferStatus s : TransferStatus.values()) {
                n += files(c, s);
            }
        }
        return n;
    }

    /** Results of this scan, of any class. */
    long received() {
        return received(Set.of(SizeClass.values()));
    }

    boolean anyFailed() {
        for (SizeClass c : SizeClass.values()) {
            if (files(c, TransferStatus.FAILED) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The first {@link #NOTABLE_LIMIT} notable results of this scan, in arrival order. */
    List<TransferResult> notable() {
        return List.copyOf(notable);
    }

    /** Notable results of this scan past the first {@link #NOTABLE_LIMIT}. */
    long notableMore() {
        return notableMore;
    }

    /** Results of events an earlier run queued, each counted once. */
    long earlierCount() {
        return earlierCount;
    }

    /** The first {@link #NOTABLE_LIMIT} of them, in arrival order. */
    List<TransferResult> earlierListed() {
        return List.copyOf(earlierListed);
    }

    /** Files this process moved: SUCCEEDED results of this scan and of earlier runs' events. */
    long movedFiles() {
        long n = earlierMovedFiles;
        for (SizeClass c : SizeClass.values()) {
            n += files(c, TransferStatus.SUCCEEDED);
        }
        return n;
    }

    /** Bytes those results sent (a resumed copy counts only what it sent). */
    long movedBytes() {
        long n = earlierMovedBytes;
        for (SizeClass c : SizeClass.values()) {
            n += bytes(c, TransferStatus.SUCCEEDED);
        }
        return n;
    }

    /** Bytes that resumed copies of this scan found at the sink and did not send again. */
    long resumedBytes() {
        return resumedBytes;
    }

    /** The transfers' own durations of this scan's results, summed. */
    long durationMs() {
        return durationMs;
    }

    private static int cell(SizeClass sizeClass, TransferStatus status) {
        return sizeClass.ordinal() * STATUSES + status.ordinal();
    }
}
