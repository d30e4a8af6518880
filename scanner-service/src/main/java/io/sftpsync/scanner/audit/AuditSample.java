package io.sftpsync.scanner.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The N candidates audited longest ago (never audited first, ties by path), kept in a bounded heap while the walk
 * goes by, so an audit of a sample holds N candidates in memory, not the tree.
 */
final class AuditSample {

    /** Oldest first: never audited, then the earliest last audit; the path breaks ties so the order is stable. */
    static final Comparator<AuditCandidate> OLDEST_FIRST = Comparator.comparingLong(AuditCandidate::lastAudited)
            .thenComparing(AuditCandidate::path);

    private final int size;
    /** The most recently audited of those kept is at the head, the first to give way. */
    private final PriorityQueue<AuditCandidate> kept;

    /** @param size how many to keep, positive */
    AuditSample(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + size);
        }
        this.size = size;
        this.kept = new PriorityQueue<>(Math.min(size, 1024) + 1, OLDEST_FIRST.reversed());
    }

    void offer(AuditCandidate candidate) {
        if (kept.size() < size) {
            kept.add(candidate);
        } else if (OLDEST_FIRST.compare(candidate, kept.peek()) < 0) {
            kept.poll();
            kept.add(candidate);
        }
    }

    /** The kept candidates, oldest first. */
    List<AuditCandidate> oldestFirst() {
        List<AuditCandidate> list = new ArrayList<>(kept);
        list.sort(OLDEST_FIRST);
        return list;
    }
}
