package io.sftpsync.scanner.scan;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.diff.SyncDecision;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.listing.ListingError;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import io.sftpsync.core.listing.WalkOptions;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.topics.SizeRouter;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.diff.ListingMerge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scan: lists source and sink in lock step, decides per file, classifies, and publishes a
 * FileDiscovered per file to its class's topic and a ScanCompleted to {@code sftp.scans}. One scan at a time.
 */
public final class Scanner {

    /** Files a report lists at most; the counts are always complete. */
    static final int PLAN_LIMIT = 10_000;
    /** Errors a ScanCompleted carries at most; the rest are counted in its last entry. */
    static final int ERROR_LIMIT = 1_000;
    /** Sends awaited at once, so a huge scan does not hold a future per file. */
    private static final int SEND_WINDOW = 2_000;

    private static final Logger log = LoggerFactory.getLogger(Scanner.class);

    private final Supplier<SftpPool> source;
    private final Supplier<SftpPool> sink;
    private final EventPublisher publisher;
    private final ScanFilter filter;
    private final SyncDecision decision;
    private final SizeRouter router;
    private final InFlightRegistry inFlight;
    private final StabilityTracker stability;
    private final boolean requireStable;
    private final boolean followSymlinks;
    private final Duration staleTemporaryAge;
    private final ScanMetrics metrics;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private volatile ScanReport last;

    public Scanner(Supplier<SftpPool> source, Supplier<SftpPool> sink, EventPublisher publisher, ScanFilter filter,
            SyncDecision decision, SizeRouter router, InFlightRegistry inFlight, boolean requireStable,
            boolean followSymlinks, Duration staleTemporaryAge, ScanMetrics metrics, Clock clock) {
        this.source = source;
        this.sink = sink;
        this.publisher = publisher;
        this.filter = filter;
        this.decision = decision;
        this.router = router;
        this.inFlight = inFlight;
        this.stability = new StabilityTracker();
        this.requireStable = requireStable;
        this.followSymlinks = followSymlinks;
        this.staleTemporaryAge = staleTemporaryAge;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Scans now.
     *
     * @param trigger what asked for the scan, carried on the summary
     * @param dryRun  decide and report, publish nothing
     * @return the report
     * @throws ScanInProgressException when a scan is already running
     */
    public ScanReport scan(String trigger, boolean dryRun) {
        if (!running.tryLock()) {
            throw new ScanInProgressException();
        }
        try {
            ScanReport report = new Run(trigger, dryRun).execute();
            last = report;
            return report;
        } finally {
            running.unlock();
        }
    }

    /** The last scan's report, if any scan ran. */
    public Optional<ScanReport> last() {
        return Optional.ofNullable(last);
    }

    /** The state of one scan. */
    private final class Run {
        private final UUID scanId = UUID.randomUUID();
        private final Instant startedAt = clock.instant();
        private final String trigger;
        private final boolean dryRun;
        private final Map<SizeClass, Long> files = new EnumMap<>(SizeClass.class);
        private final Map<SizeClass, Long> bytes = new EnumMap<>(SizeClass.class);
        private final List<String> errors = new ArrayList<>();
        private final Set<String> failedSinkDirs = new HashSet<>();
        private final List<FileDiscovered> planned = new ArrayList<>();
        private final List<CompletableFuture<?>> sends = new ArrayList<>();
        private final StaleTemporaries stale = new StaleTemporaries(staleTemporaryAge, startedAt);
        private int temporariesRemoved;
        private long seen;
        private long upToDate;
        private long deferred;
        private long errorCount;

        Run(String trigger, boolean dryRun) {
            this.trigger = trigger;
            this.dryRun = dryRun;
        }

        ScanReport execute() {
            log.info("scan {} started ({}{})", scanId, trigger, dryRun ? ", dry run" : "");
            try {
                var src = RemoteWalker.walk(source.get(), new WalkOptions(followSymlinks, false),
                        e -> error("source " + e));
                var dst = RemoteWalker.walk(sink.get(), new WalkOptions(followSymlinks, true), this::sinkError,
                        stale::seen);
                ListingMerge.merge(src, dst, RemoteWalker.PATH_ORDER, this::consider);
                removeStaleTemporaries();
            } catch (RuntimeException e) {
                error("scan aborted: " + e.getMessage());
                log.error("scan {} aborted", scanId, e);
            }
            awaitSends(0);
            if (!dryRun) {
                stability.endScan();
            }
            ScanCompleted summary = new ScanCompleted(SyncEvent.CURRENT_SCHEMA_VERSION, scanId, startedAt,
                    clock.instant(), seen, files, bytes, upToDate, deferred, errorsForEvent(), dryRun, trigger);
            if (!dryRun) {
                try {
                    publisher.publishAndWait(Topics.SCANS, scanId.toString(), summary);
                } catch (RuntimeException e) {
                    log.error("scan {}: could not publish the summary: {}", scanId, e.toString());
                }
            }
            metrics.record(summary);
            log.info("scan {} finished: {} files seen, {} queued, {} up to date, {} deferred, {} errors{}", scanId,
                    seen, summary.totalQueued(), upToDate, deferred, errorCount,
                    temporariesRemoved == 0 ? "" : ", " + temporariesRemoved + " stale temporaries removed");
            return new ScanReport(summary, List.copyOf(planned), summary.totalQueued() > planned.size());
        }

        private void removeStaleTemporaries() {
            if (dryRun) {
                stale.found().forEach(t -> log.info("dry run: would remove the stale temporary {} (last written {})",
                        RelativePath.printable(t.path()), t.mtime()));
            } else {
                temporariesRemoved = stale.remove(sink.get());
            }
        }

        private void sinkError(ListingError e) {
            failedSinkDirs.add(e.path());
            error("sink " + e);
        }

        private void consider(RemoteFile src, RemoteFile dst) {
            if (!filter.accepts(src.path())) {
                return;
            }
            seen++;
            if (underFailedSinkDir(src.path())) {
                error("skipped " + RelativePath.printable(src.path()) + ": its sink directory could not be listed");
                return;
            }
            Optional<SyncReason> reason = decision.decide(src, dst);
            if (reason.isEmpty()) {
                upToDate++;
                return;
            }
            Instant now = clock.instant();
            if (filter.tooYoung(src.mtime(), now) || (requireStable && !dryRun && !stability.stable(src))
                    || inFlight.isQueued(src)) {
                deferred++;
                return;
            }
            SizeClass sizeClass = router.classify(src.size());
            FileDiscovered event = FileDiscovered.of(scanId, src.path(), src.size(), src.mtime(),
                    dst == null ? null : dst.size(), dst == null ? null : dst.mtime(), reason.get(), sizeClass, now);
            files.merge(sizeClass, 1L, Long::sum);
            bytes.merge(sizeClass, src.size(), Long::sum);
            if (planned.size() < PLAN_LIMIT) {
                planned.add(event);
            }
            if (dryRun) {
                log.info("dry run: would queue {} ({}, {} bytes, {})", RelativePath.printable(src.path()),
                        reason.get(), src.size(), sizeClass);
                return;
            }
            inFlight.queued(src, event.eventId());
            sends.add(publisher.publish(Topics.forClass(sizeClass), src.path(), event).whenComplete((r, e) -> {
                if (e != null) {
                    inFlight.finished(src.path(), event.eventId());
                }
            }));
            if (sends.size() >= SEND_WINDOW) {
                awaitSends(SEND_WINDOW / 2);
            }
        }

        /** Waits until at most {@code keep} sends are outstanding, recording failures as errors. */
        private void awaitSends(int keep) {
            while (sends.size() > keep) {
                CompletableFuture<?> f = sends.removeFirst();
                try {
                    f.join();
                } catch (RuntimeException e) {
                    error("publish failed: " + e.getMessage());
                }
            }
        }

        private boolean underFailedSinkDir(String path) {
            if (failedSinkDirs.isEmpty()) {
                return false;
            }
            for (String dir = RelativePath.parent(path); ; dir = RelativePath.parent(dir)) {
                if (failedSinkDirs.contains(dir)) {
                    return true;
                }
                if (dir.isEmpty()) {
                    return false;
                }
            }
        }

        private void error(String message) {
            errorCount++;
            if (errors.size() < ERROR_LIMIT) {
                errors.add(message);
            }
            log.warn("scan {}: {}", scanId, message);
        }

        private List<String> errorsForEvent() {
            if (errorCount <= errors.size()) {
                return errors;
            }
            List<String> capped = new ArrayList<>(errors);
            capped.add("... and " + (errorCount - errors.size()) + " more errors");
            return capped;
        }
    }
}
