package io.sftpsync.anomaly.consume;

import io.sftpsync.anomaly.detect.AnomalyType;
import io.sftpsync.anomaly.detect.AuditDetector;
import io.sftpsync.anomaly.detect.Dedupe;
import io.sftpsync.anomaly.detect.ExtremeSizeDetector;
import io.sftpsync.anomaly.detect.Finding;
import io.sftpsync.anomaly.detect.InterruptedDetector;
import io.sftpsync.anomaly.detect.MassDeletionDetector;
import io.sftpsync.anomaly.detect.ResourceImpactDetector;
import io.sftpsync.anomaly.detect.ScanVolumeDetector;
import io.sftpsync.anomaly.detect.Severity;
import io.sftpsync.anomaly.detect.SizeChangeDetector;
import io.sftpsync.anomaly.detect.SizeHistory;
import io.sftpsync.anomaly.detect.SlowTransferDetector;
import io.sftpsync.anomaly.detect.StalledTransferDetector;
import io.sftpsync.anomaly.detect.TimestampDetector;
import io.sftpsync.anomaly.detect.VerificationText;
import io.sftpsync.anomaly.report.Reporter;
import io.sftpsync.anomaly.store.FileVersions;
import io.sftpsync.anomaly.store.HistoryStore;
import io.sftpsync.core.events.ApprovalDecided;
import io.sftpsync.core.events.ApprovalRequested;
import io.sftpsync.core.events.FileAudited;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Thresholds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the service does with the events of a consumed batch, kind by kind, in the batch's transaction: record them
 * in the history (idempotent), load the history each is judged against (what was recorded before it), run the
 * detectors and report each finding ({@link Reporter}: stored and published once per {@link Dedupe} key).
 */
public final class Observations {

    /** At most this many earlier versions, files, transfers or scans are a history. */
    static final int WINDOW = 30;
    static final String VERIFIED_BY = "the transfer's verification";

    private final HistoryStore store;
    private final FileVersions fileVersions;
    private final Reporter reporter;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Thresholds thresholds;
    private final SizeChangeDetector sizeChange;
    private final ExtremeSizeDetector extremeSize;
    private final TimestampDetector timestamps;
    private final InterruptedDetector interrupted;
    private final SlowTransferDetector slow;
    private final ScanVolumeDetector scanVolume;
    private final StalledTransferDetector stalled;
    private final ResourceImpactDetector resource;
    private final MassDeletionDetector massDeletion = new MassDeletionDetector();
    private final VerificationText verification = new VerificationText();
    private final AuditDetector audit = new AuditDetector();

    public Observations(HistoryStore store, FileVersions fileVersions, Reporter reporter,
            TransactionTemplate transactions, Clock clock, Thresholds thresholds, SizeChangeDetector sizeChange, ExtremeSizeDetector extremeSize,
            TimestampDetector timestamps, InterruptedDetector interrupted, SlowTransferDetector slow,
            ScanVolumeDetector scanVolume, StalledTransferDetector stalled, ResourceImpactDetector resource) {
        this.store = store;
        this.fileVersions = fileVersions;
        this.reporter = reporter;
        this.transactions = transactions;
        this.clock = clock;
        this.thresholds = thresholds;
        this.sizeChange = sizeChange;
        this.extremeSize = extremeSize;
        this.timestamps = timestamps;
        this.interrupted = interrupted;
        this.slow = slow;
        this.scanVolume = scanVolume;
        this.stalled = stalled;
        this.resource = resource;
    }

    /** A discovery: SIZE_GROWTH/SHRINK, EXTREME_SIZE, OLD_FILE, FUTURE_TIMESTAMP, each once per file version. */
    public void discovered(FileDiscovered e) {
        discovered(List.of(e));
    }

    /**
     * A batch of discoveries, judged as one at a time would be (each against what was recorded before it, the
     * batch's earlier files included), with a few statements for the whole batch.
     */
    public void discovered(List<FileDiscovered> events) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            List<FileVersions.Version> versions = fileVersions.record(events);
            List<List<Long>> own = fileVersions.pathSizes(versions, WINDOW);
            List<List<Long>> byPattern = fileVersions.patternSizes(versions, WINDOW);
            List<List<Long>> byDirectory = fileVersions.directorySizes(versions, WINDOW);
            List<Reporter.Report> found = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                FileDiscovered e = events.get(i);
                FileVersions.Version v = versions.get(i);
                SizeHistory history = SizeHistory.choose(sizeChange.minSamples(),
                        new SizeHistory(SizeHistory.Basis.PATH, v.path(), own.get(i)),
                        v.hasPattern() ? new SizeHistory(SizeHistory.Basis.PATTERN,
                                v.pattern().substring(v.pattern().lastIndexOf('/') + 1), byPattern.get(i)) : null,
                        new SizeHistory(SizeHistory.Basis.DIRECTORY, v.directory(), byDirectory.get(i)));
                sizeChange.detect(e.size(), history).ifPresent(f -> found.add(fileFinding(e, f)));
                extremeSize.detect(e.size(), e.sizeClass(), thresholds, byDirectory.get(i))
                        .ifPresent(f -> found.add(fileFinding(e, f)));
                // The observation's own time, not the clock's: a redelivered discovery is judged as the first time.
                timestamps.detect(e.sourceMtime(), e.discoveredAt()).ifPresent(f -> found.add(fileFinding(e, f)));
            }
            reporter.reportAll(found);
        });
    }

    /**
     * The anomalies stored for the discovery's file version (its path, size and mtime), whenever they were found:
     * what the risk gate decides on, so a redelivery or a later scan of the version is judged as the first was.
     */
    public List<HistoryStore.StoredAnomaly> anomaliesOf(FileDiscovered e) {
        return store.anomaliesByKey(Arrays.stream(AnomalyType.values())
                .map(t -> Dedupe.ofFile(e.path(), t, e.size(), e.sourceMtime()).key()).toList());
    }

    /**
     * A batch of results: SIZE_MISMATCH, CHECKSUM_MISMATCH, INTERRUPTED, SLOW_TRANSFER, each once per transfer. The
     * history a detector needs is looked up only where it can change the verdict: earlier failures for a failure,
     * the class's throughput for a success long enough to be measured.
     */
    public void finished(List<TransferResult> results) {
        if (results.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            long[] ids = store.recordTransfers(results);
            List<Reporter.Report> found = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                TransferResult r = results.get(i);
                long id = ids[i];
                boolean failed = r.status() == TransferStatus.FAILED;
                verification.detect(r.error(), VERIFIED_BY).forEach(f -> found.add(transferFinding(r, f)));
                interrupted.detect(failed, r.attempts(), r.resumedFrom(), r.error(),
                        failed ? store.earlierFailures(r.path(), id) : 0)
                        .ifPresent(f -> found.add(transferFinding(r, f)));
                Duration took = Duration.ofMillis(r.durationMs());
                if (r.status() == TransferStatus.SUCCEEDED && r.sizeClass() != null && r.bytes() > 0
                        && took.compareTo(slow.minDuration()) >= 0) {
                    List<Double> throughput = store.classThroughput(r.sizeClass().name(),
                            slow.minDuration().toMillis(), id, WINDOW);
                    slow.detect(r.bytes(), took, r.sizeClass().name(), throughput)
                            .ifPresent(f -> found.add(transferFinding(r, f)));
                }
            }
            reporter.reportAll(found);
        });
    }

    /**
     * A batch of progress events: the transfers are active, and when each last moved (STALLED_TRANSFER is {@link
     * #stalls}).
     */
    public void progressed(List<TransferProgress> events) {
        List<TransferProgress> tracked = events.stream().filter(p -> p.causationId() != null).toList();
        if (!tracked.isEmpty()) {
            transactions.executeWithoutResult(status -> store.recordProgress(tracked));
        }
    }

    /** STALLED_TRANSFER for every active transfer without progress for too long, once per transfer. */
    public void stalls() {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            for (HistoryStore.ActiveTransfer t : store.silentSince(now.minus(stalled.after()))) {
                stalled.detect(true, t.lastProgressAt(), t.bytesDone(), t.totalBytes(), now).ifPresent(f ->
                        reporter.report(Dedupe.of(t.path(), f.type(), t.causationId()), f, t.causationId(), now));
            }
        });
    }

    /**
     * A scan: SCAN_VOLUME of its file count and of its queued bytes, and RESOURCE_IMPACT of its queued bytes against
     * the sink's free space and the budget, each once per scan. Dry runs are skipped; a subtree's scan is judged for
     * RESOURCE_IMPACT only (a part of the tree is not a source that looks empty) and is not a scan the whole-tree
     * scans are compared with.
     */
    public void scanned(ScanCompleted s) {
        if (s.dryRun()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            long bytes = s.bytesQueued().values().stream().mapToLong(Long::longValue).sum();
            if (s.whole()) {
                long id = store.recordScan(s, bytes);
                List<Long> files = store.recentFilesSeen(id, WINDOW);
                List<Long> queued = store.recentBytesQueued(id, WINDOW);
                // Judged one measure at a time, so each finding has its own dedupe key.
                scanVolume.detect(s.filesSeen(), 0, files, List.of()).forEach(f -> reporter.report(
                        Dedupe.of("", AnomalyType.SCAN_VOLUME, s.scanId() + "/files"), f, s.scanId(),
                        clock.instant()));
                scanVolume.detect(0, bytes, List.of(), queued).forEach(f -> reporter.report(
                        Dedupe.of("", AnomalyType.SCAN_VOLUME, s.scanId() + "/bytes"), f, s.scanId(),
                        clock.instant()));
            }
            massDeletion.detect(s.deletions()).ifPresent(f -> reporter.report(
                    Dedupe.of(s.subtree(), AnomalyType.MASS_DELETION, s.scanId().toString()), f, s.scanId(),
                    clock.instant()));
            // Free space (CRITICAL) and budget (WARNING) are separate limits: each once per scan.
            resource.detect(bytes, s.sinkFreeBytes()).forEach(f ->
                    reporter.report(Dedupe.of("", AnomalyType.RESOURCE_IMPACT, s.scanId() + "/"
                            + (f.severity() == Severity.CRITICAL ? "free-space" : "budget")), f, s.scanId(),
                            clock.instant()));
        });
    }

    /** An approval request: recorded for the path's history. */
    public void approvalRequested(ApprovalRequested a) {
        transactions.executeWithoutResult(status -> store.recordApproval(a));
    }

    /** An approval's decision: recorded for the path's history. */
    public void approvalDecided(ApprovalDecided d) {
        transactions.executeWithoutResult(status -> store.recordApproval(d));
    }

    /** An integrity audit's verdict: CHECKSUM_MISMATCH once per path, version and sink hash. */
    public void audited(FileAudited a) {
        audit.detect(a.matched(), a.size(), a.sourceMtime(), a.sourceSha256(), a.sinkSha256()).ifPresent(f ->
                transactions.executeWithoutResult(status -> reporter.report(
                        AuditDetector.key(a.path(), a.size(), a.sourceMtime(), a.sinkSha256()), f, a.auditId(),
                        clock.instant())));
    }

    private Reporter.Report fileFinding(FileDiscovered e, Finding f) {
        return new Reporter.Report(Dedupe.ofFile(e.path(), f.type(), e.size(), e.sourceMtime()), f, e.eventId(),
                clock.instant());
    }

    private Reporter.Report transferFinding(TransferResult r, Finding f) {
        return new Reporter.Report(Dedupe.of(r.path(), f.type(), r.causationId()), f, r.causationId(),
                clock.instant());
    }
}
