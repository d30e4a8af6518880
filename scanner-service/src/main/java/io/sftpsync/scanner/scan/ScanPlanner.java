package io.sftpsync.scanner.scan;

import io.sftpsync.core.diff.SyncDecision;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.topics.SizeRouter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The per-file decision of a scan, apart from listing and publishing so it can be tested row by row: no I/O but
 * what {@link WrittenByStrategy} does for an oversized file, no Kafka, and the time comes in. It reads the
 * in-flight registry and, when require-stable is on, records candidates in the stability tracker, the one state
 * it changes.
 */
final class ScanPlanner {

    private static final ScanDecision IGNORED = new ScanDecision.Ignored();
    private static final ScanDecision UP_TO_DATE = new ScanDecision.UpToDate();

    /** A source file and the sink file of the same path, or null, as the merged listing pairs them. */
    record Pair(RemoteFile source, RemoteFile sink) {
    }

    /**
     * Whether the sink holds an oversized source file's version by an approved strategy that writes other names
     * (parts, a .gz) under a manifest. Asked only of oversized files that would otherwise be queued, so its I/O
     * (one read at the sink) is never spent on a small file.
     */
    @FunctionalInterface
    interface WrittenByStrategy {
        boolean holds(RemoteFile source);
    }

    private final ScanFilter filter;
    private final SyncDecision decision;
    private final SizeRouter router;
    private final InFlightRegistry inFlight;
    private final StabilityTracker stability;
    private final WrittenByStrategy written;

    /**
     * @param stability the tracker when {@code sync.scan.require-stable} is on, else null
     * @param written   whether an oversized file is at the sink as parts or a .gz with a matching manifest
     */
    ScanPlanner(ScanFilter filter, SyncDecision decision, SizeRouter router, InFlightRegistry inFlight,
            StabilityTracker stability, WrittenByStrategy written) {
        this.filter = filter;
        this.decision = decision;
        this.router = router;
        this.inFlight = inFlight;
        this.stability = stability;
        this.written = written;
    }

    /**
     * Decides for one file.
     *
     * @param source         the source file
     * @param sink           the sink file of the same path, or null
     * @param now            the time the scan decides at
     * @param dryRun         a dry run neither consults nor updates the stability tracker, so it cannot make a
     *                       file look stable to the next real scan
     * @param failedSinkDirs sink directories whose listing failed so far, relative paths ("" is the base path)
     */
    ScanDecision plan(RemoteFile source, RemoteFile sink, Instant now, boolean dryRun, Set<String> failedSinkDirs) {
        if (!filter.accepts(source.path())) {
            return IGNORED;
        }
        if (under(failedSinkDirs, source.path())) {
            return new ScanDecision.Blocked(source.path());
        }
        Optional<SyncReason> reason = decision.decide(source, sink);
        if (reason.isEmpty()) {
            return UP_TO_DATE;
        }
        SizeClass sizeClass = router.classify(source.size());
        if (sizeClass == SizeClass.OVERSIZED && written.holds(source)) {
            // Approved and written as parts or a .gz: the sink has no file of this name, but has this version.
            return UP_TO_DATE;
        }
        if (filter.tooYoung(source.mtime(), now)) {
            return new ScanDecision.Deferred(ScanDecision.Why.TOO_YOUNG);
        }
        if (stability != null && !dryRun && !stability.stable(source)) {
            return new ScanDecision.Deferred(ScanDecision.Why.UNSTABLE);
        }
        if (inFlight.isQueued(source)) {
            return new ScanDecision.Deferred(ScanDecision.Why.IN_FLIGHT);
        }
        return new ScanDecision.Queue(reason.get(), sizeClass);
    }

    /**
     * Ends a scan that was not a dry run: the candidates it saw are what the next scan compares with.
     *
     * @param subtree what the scan covered ("" everything): what it saw replaces only what was seen there
     */
    void endScan(String subtree) {
        if (stability != null) {
            stability.endScan(subtree);
        }
    }

    /** Decides for each pair in turn, as a scan would; for tests and callers with a small listing in hand. */
    List<ScanDecision> plan(List<Pair> pairs, Instant now, boolean dryRun, Set<String> failedSinkDirs) {
        return pairs.stream().map(p -> plan(p.source(), p.sink(), now, dryRun, failedSinkDirs)).toList();
    }

    private static boolean under(Set<String> dirs, String path) {
        if (dirs.isEmpty()) {
            return false;
        }
        for (String dir = RelativePath.parent(path); ; dir = RelativePath.parent(dir)) {
            if (dirs.contains(dir)) {
                return true;
            }
            if (dir.isEmpty()) {
                return false;
            }
        }
    }
}
