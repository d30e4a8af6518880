package io.sftpsync.scanner.scan;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import io.sftpsync.core.listing.WalkOptions;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.scanner.delete.DeletionPlan;
import io.sftpsync.scanner.delete.SinkOnlyFiles;
import io.sftpsync.scanner.diff.ListingMerge;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scan: lists source and sink in lock step, has the {@link ScanPlanner} decide per file, publishes a
 * FileDiscovered per file to queue and a ScanCompleted (with the sink's free space) to {@code sftp.scans}. With
 * {@code sync.delete.enabled} it also collects the sink files the source lacks into a {@link DeletionPlan}, handed
 * on once the scan has published everything (carried out after the scan's copies). One scan at a time.
 */
public final class Scanner {

    private static final Logger log = LoggerFactory.getLogger(Scanner.class);

    private final Supplier<SftpPool> source;
    private final Supplier<SftpPool> sink;
    private final EventPublisher publisher;
    private final InFlightRegistry inFlight;
    private final ScanSettings settings;
    private final ScanPlanner planner;
    private final ScanMetrics metrics;
    private final Clock clock;
    private final SinkFreeSpace sinkFreeSpace;
    private final Consumer<DeletionPlan> deletions;
    private final ReentrantLock running = new ReentrantLock();
    private volatile ScanReport last;

    public Scanner(Supplier<SftpPool> source, Supplier<SftpPool> sink, EventPublisher publisher,
            InFlightRegistry inFlight, ScanSettings settings, ScanMetrics metrics, Clock clock) {
        this(source, sink, publisher, inFlight, settings, metrics, clock, plan -> { });
    }

    /**
     * @param deletions receives the deletion plan of each scan that was not a dry run, when deletions are on (the
     *                  continuous mode waits for the scan's copies, then carries it out)
     */
    public Scanner(Supplier<SftpPool> source, Supplier<SftpPool> sink, EventPublisher publisher,
            InFlightRegistry inFlight, ScanSettings settings, ScanMetrics metrics, Clock clock,
            Consumer<DeletionPlan> deletions) {
        this.deletions = deletions;
        this.source = source;
        this.sink = sink;
        this.publisher = publisher;
        this.inFlight = inFlight;
        this.settings = settings;
        this.planner = new ScanPlanner(settings.filter(), settings.decision(), settings.router(), inFlight,
                settings.requireStable() ? new StabilityTracker() : null, new SinkManifestCheck(sink));
        this.metrics = metrics;
        this.clock = clock;
        this.sinkFreeSpace = new SinkFreeSpace(sink);
    }

    /**
     * Scans the whole base path now.
     *
     * @param trigger what asked for the scan, carried on the summary
     * @param dryRun  decide and report, publish nothing
     * @return the report
     * @throws ScanInProgressException when a scan is already running
     */
    public ScanReport scan(String trigger, boolean dryRun) {
        return scan(ScanRequest.whole(trigger, dryRun));
    }

    /**
     * Scans now as asked.
     *
     * @throws ScanInProgressException when a scan is already running
     */
    public ScanReport scan(ScanRequest request) {
        if (!running.tryLock()) {
            throw new ScanInProgressException();
        }
        return runLocked(request);
    }

    /**
     * Scans as asked once the running scan (if any) has finished: for requests that must not be refused, such as
     * those read from {@code sftp.scan.requests}.
     *
     * @throws InterruptedException when the thread is interrupted while it waits
     */
    public ScanReport scanWhenFree(ScanRequest request) throws InterruptedException {
        running.lockInterruptibly();
        return runLocked(request);
    }

    private ScanReport runLocked(ScanRequest request) {
        try {
            ScanReport report = new Run(request).execute();
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
        private final ScanRequest request;
        private final String trigger;
        private final boolean dryRun;
        private final ScanErrors errors = new ScanErrors(scanId, sink.get().endpoint().describe());
        private final ScanTally tally = new ScanTally();
        private final ScanPublisher publications = new ScanPublisher(publisher, inFlight, errors,
                settings.riskGate());
        private final StaleTemporaries stale = new StaleTemporaries(settings.staleTemporaryAge(), startedAt);
        private final SinkOnlyFiles sinkOnly = settings.deletions().enabled() ? new SinkOnlyFiles(
                settings.filter()::accepts, settings.deletions().max(), this::wouldDelete) : null;
        private int temporariesRemoved;
        private long listedDeletions;

        Run(ScanRequest request) {
            this.request = request;
            this.trigger = request.trigger();
            this.dryRun = request.dryRun();
        }

        ScanReport execute() {
            log.info("scan {} started ({}{}{}{})", scanId, trigger, dryRun ? ", dry run" : "",
                    request.subtree().isEmpty() ? "" : ", subtree " + RelativePath.printable(request.subtree()),
                    request.requestId() == null ? "" : ", request " + request.requestId());
            // The walks are closed however the scan ends, so that listings spilled to disk are removed.
            try (var src = RemoteWalker.walk(source.get(), new WalkOptions(settings.followSymlinks(), false,
                        request.subtree()), errors::sourceListing, t -> { }, settings.listingMemory());
                    var dst = RemoteWalker.walk(sink.get(), new WalkOptions(settings.followSymlinks(), true,
                        request.subtree()),
                        errors::sinkListing, stale::seen, settings.listingMemory())) {
                if (sinkOnly == null) {
                    ListingMerge.merge(src, dst, RemoteWalker.PATH_ORDER, this::consider);
                } else {
                    ListingMerge.merge(src, dst, RemoteWalker.PATH_ORDER, (s, d) -> {
                        consider(s, d);
                        if (d != null) {
                            sinkOnly.paired(d);
                        }
                    }, sinkOnly::sinkOnly);
                    sinkOnly.end();
                }
                removeStaleTemporaries();
            } catch (RuntimeException e) {
                errors.add("scan aborted: " + e.getMessage());
                log.error("scan {} aborted", scanId, e);
            }
            errors.logSummaries();
            publications.awaitAll();
            inFlight.removeExpired();
            // Every copy the scan queued is in flight by now: the deletions wait for those queued up to here.
            DeletionPlan plan = sinkOnly == null ? null : DeletionPlan.judge(scanId, clock.instant(), sinkOnly,
                    settings.deletions(), errors.count(), dryRun);
            ScanCompleted summary = tally.summary(scanId, startedAt, clock.instant(), errors.forEvent(), dryRun,
                    trigger).scoped(request.subtree(), request.requestId())
                    .withDeletions(plan == null ? null : plan.summary());
            if (plan != null) {
                reportDeletions(plan);
            }
            if (!dryRun) {
                // Measured after the scan's files were queued, for RESOURCE_IMPACT: will they fit?
                // Not asked of a sink whose base path could not even be listed: the scan has said why already.
                summary = summary.withSinkFreeBytes(errors.failedSinkDirs().contains(request.subtree()) ? null : sinkFreeSpace.bytes());
                planner.endScan(request.subtree());
                publications.completed(summary);
                if (plan != null) {
                    deletions.accept(plan);
                }
            } else if (request.requestId() != null) {
                // A dry run asked for over Kafka: its summary is the requester's answer.
                publications.completed(summary);
            }
            metrics.record(summary);
            log.info("scan {} finished: {} files seen, {} queued, {} up to date, {} deferred, {} errors{}", scanId,
                    summary.filesSeen(), summary.totalQueued(), summary.filesUpToDate(), summary.filesDeferred(),
                    errors.count(),
                    temporariesRemoved == 0 ? "" : ", " + temporariesRemoved + " stale temporaries removed");
            return tally.report(summary, plan);
        }

        /** A candidate for deletion, as the walk finds it: a dry run lists the first ones. */
        private void wouldDelete(RemoteFile file) {
            if (dryRun && listedDeletions++ < ScanTally.PLAN_LIMIT) {
                log.info("dry run: would delete {} ({} bytes): the source does not have it",
                        RelativePath.printable(file.path()), file.size());
            }
        }

        private void reportDeletions(DeletionPlan plan) {
            if (plan.guarded()) {
                metrics.withheld();
                log.warn("scan {}: no sink file deleted{}: {}; a MASS_DELETION anomaly says so. If the source really"
                        + " lost them, raise the limit or remove them by hand", scanId, dryRun ? " (dry run)" : "",
                        plan.withheld());
            } else if (dryRun && plan.candidates() > 0 && plan.files().size() == plan.candidates()) {
                log.info("dry run: {} sink files the source lacks would be deleted once the copies succeed",
                        plan.candidates());
            } else if (plan.candidates() > 0 && plan.withheld() != null) {
                log.warn("scan {}: {} sink files the source lacks are not deleted: {}", scanId, plan.candidates(),
                        plan.withheld());
            }
        }

        private void removeStaleTemporaries() {
            if (dryRun) {
                stale.found().forEach(t -> log.info("dry run: would remove the stale temporary {} (last written {})",
                        RelativePath.printable(t.path()), t.mtime()));
            } else {
                temporariesRemoved = stale.remove(sink.get());
            }
        }

        private void consider(RemoteFile src, RemoteFile dst) {
            Instant now = clock.instant();
            ScanDecision decision = planner.plan(src, dst, now, dryRun, errors.failedSinkDirs());
            tally.count(decision);
            if (decision instanceof ScanDecision.Blocked blocked) {
                errors.blocked(blocked);
            } else if (decision instanceof ScanDecision.Queue queue) {
                FileDiscovered event = queue.event(scanId, src, dst, now);
                tally.queued(event);
                if (dryRun) {
                    log.info("dry run: would queue {} ({}, {} bytes, {})", RelativePath.printable(src.path()),
                            queue.reason(), src.size(), queue.sizeClass());
                } else {
                    publications.discovered(src, event);
                }
            }
        }
    }
}
