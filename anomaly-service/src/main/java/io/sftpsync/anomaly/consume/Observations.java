package io.sftpsync.anomaly.consume;

import io.sftpsync.anomaly.detect.AnomalyType;
import io.sftpsync.anomaly.detect.Dedupe;
import io.sftpsync.anomaly.detect.ExtremeSizeDetector;
import io.sftpsync.anomaly.detect.Finding;
import io.sftpsync.anomaly.detect.InterruptedDetector;
import io.sftpsync.anomaly.detect.NamePattern;
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
import io.sftpsync.anomaly.store.HistoryStore;
import io.sftpsync.core.events.ApprovalDecided;
import io.sftpsync.core.events.ApprovalRequested;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Thresholds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the service does with each event, in one transaction per event: record it in the history (idempotent),
 * load the history it is judged against (what was recorded before it), run the detectors and report each finding
 * ({@link Reporter}: stored and published once per {@link Dedupe} key).
 */
public final class Observations {

    /** At most this many earlier versions, files, transfers or scans are a history. */
    static final int WINDOW = 30;
    static final String VERIFIED_BY = "the transfer's verification";

    private final HistoryStore store;
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
    private final VerificationText verification = new VerificationText();

    public Observations(HistoryStore store, Reporter reporter, TransactionTemplate transactions, Clock clock,
            Thresholds thresholds, SizeChangeDetector sizeChange, ExtremeSizeDetector extremeSize,
            TimestampDetector timestamps, InterruptedDetector interrupted, SlowTransferDetector slow,
            ScanVolumeDetector scanVolume, StalledTransferDetector stalled, ResourceImpactDetector resource) {
        this.store = store;
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
        transactions.executeWithoutResult(status -> {
            long id = store.recordVersion(e);
            String path = e.path();
            int slash = path.lastIndexOf('/');
            String directory = slash < 0 ? "" : path.substring(0, slash);
            String pattern = NamePattern.of(path);
            SizeHistory own = new SizeHistory(SizeHistory.Basis.PATH, path, store.pathSizes(path, id, WINDOW));
            SizeHistory byPattern = pattern.equals(path) ? null : new SizeHistory(SizeHistory.Basis.PATTERN,
                    pattern.substring(pattern.lastIndexOf('/') + 1), store.patternSizes(pattern, path, id, WINDOW));
            List<Long> directorySizes = store.directorySizes(directory, path, id, WINDOW);
            SizeHistory byDirectory = new SizeHistory(SizeHistory.Basis.DIRECTORY, directory, directorySizes);
            SizeHistory history = SizeHistory.choose(sizeChange.minSamples(), own, byPattern, byDirectory);
            sizeChange.detect(e.size(), history).ifPresent(f -> fileFinding(e, f));
            extremeSize.detect(e.size(), e.sizeClass(), thresholds, directorySizes).ifPresent(f -> fileFinding(e, f));
            // The observation's own time, not the clock's: a redelivered discovery is judged as the first time.
            timestamps.detect(e.sourceMtime(), e.discoveredAt()).ifPresent(f -> fileFinding(e, f));
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

    /** A result: SIZE_MISMATCH, CHECKSUM_MISMATCH, INTERRUPTED, SLOW_TRANSFER, each once per transfer. */
    public void finished(TransferResult r) {
        transactions.executeWithoutResult(status -> {
            long id = store.recordTransfer(r);
            boolean failed = r.status() == TransferStatus.FAILED;
            verification.detect(r.error(), VERIFIED_BY).forEach(f -> transferFinding(r, f));
            interrupted.detect(failed, r.attempts(), r.resumedFrom(), r.error(),
                    store.earlierFailures(r.path(), id)).ifPresent(f -> transferFinding(r, f));
            if (r.status() == TransferStatus.SUCCEEDED && r.sizeClass() != null) {
                slow.detect(r.bytes(), Duration.ofMillis(r.durationMs()), r.sizeClass().name(),
                        store.classThroughput(r.sizeClass().name(), slow.minDuration().toMillis(), id, WINDOW)).ifPresent(f -> transferFinding(r, f));
            }
        });
    }

    /** A progress event: the transfer is active, and when it last moved (STALLED_TRANSFER is {@link #stalls}). */
    public void progressed(TransferProgress p) {
        if (p.causationId() != null) {
            transactions.executeWithoutResult(status -> store.recordProgress(p));
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
     * the sink's free space and the budget, each once per scan. Dry runs are skipped.
     */
    public void scanned(ScanCompleted s) {
        if (s.dryRun()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            long bytes = s.bytesQueued().values().stream().mapToLong(Long::longValue).sum();
            long id = store.recordScan(s, bytes);
            List<Long> files = store.recentFilesSeen(id, WINDOW);
            List<Long> queued = store.recentBytesQueued(id, WINDOW);
            // Judged one measure at a time, so each finding has its own dedupe key.
            scanVolume.detect(s.filesSeen(), 0, files, List.of()).forEach(f ->
                    reporter.report(Dedupe.of("", AnomalyType.SCAN_VOLUME, s.scanId() + "/files"), f, s.scanId(),
                            clock.instant()));
            scanVolume.detect(0, bytes, List.of(), queued).forEach(f ->
                    reporter.report(Dedupe.of("", AnomalyType.SCAN_VOLUME, s.scanId() + "/bytes"), f, s.scanId(),
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

    private void fileFinding(FileDiscovered e, Finding f) {
        reporter.report(Dedupe.ofFile(e.path(), f.type(), e.size(), e.sourceMtime()), f, e.eventId(),
                clock.instant());
    }

    private void transferFinding(TransferResult r, Finding f) {
        reporter.report(Dedupe.of(r.path(), f.type(), r.causationId()), f, r.causationId(), clock.instant());
    }
}
