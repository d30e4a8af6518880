package io.sftpsync.standalone.once;

import io.sftpsync.boot.handlers.SizeClassHandler;
import io.sftpsync.boot.kafka.ConsumerDefaults;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.delete.Deleter;
import io.sftpsync.scanner.delete.DeletionOutcome;
import io.sftpsync.scanner.delete.DeletionPlan;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.scanner.scan.Scanner;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The once mode: one scan, then wait for a result for every queued file that a service in this JVM handles,
 * showing a progress line meanwhile, print the summary and set the exit code: {@code 0} everything synced,
 * {@link #EXIT_FAILED}, {@link #EXIT_TIMEOUT} or {@link #EXIT_INCOMPLETE} (2, could not start, is the
 * launcher's).
 */
public final class OnceRunner implements ApplicationRunner {

    /** Exit code when a transfer failed or the scan reported errors. */
    public static final int EXIT_FAILED = 1;
    /** Exit code when results did not all arrive in time. */
    public static final int EXIT_TIMEOUT = 3;
    /**
     * Exit code when nothing failed but the run left work for a later one: files deferred (too new, still
     * changing, queued by an earlier run) or queued for no service here (oversized files waiting for approval).
     */
    public static final int EXIT_INCOMPLETE = 4;

    /**
     * @param dryRun           {@code sync.scan.dry-run}: publish nothing, so wait for no result
     * @param timeout          {@code sync.standalone.once-timeout}: how long to wait for the results
     * @param progressInterval {@code sync.standalone.progress-interval}: progress lines when not on a terminal
     * @param logFile          where the full log goes, named in the summary; null when it goes to the console
     * @param approvalPage     where operators decide on oversized files, named when some wait
     */
    public record Settings(boolean dryRun, Duration timeout, Duration progressInterval, Path logFile,
            String approvalPage) {
    }

    private final Scanner scanner;
    private final KafkaProperties kafka;
    private final List<SizeClassHandler> handlers;
    private final PolicyApprovals approvals;
    private final OnceAnomalies anomalies;
    private final Deleter deleter;
    private final Settings settings;
    private volatile int exitCode = EXIT_FAILED;

    /**
     * @param approvals the approval service's view, for oversized files; null when this process has none
     * @param anomalies the anomaly service's findings; null when this process runs none
     * @param deleter   removes the sink files the source lacks once the copies succeeded; null with deletions off
     */
    public OnceRunner(Scanner scanner, KafkaProperties kafka, List<SizeClassHandler> handlers,
            PolicyApprovals approvals, OnceAnomalies anomalies, Deleter deleter, Settings settings) {
        this.deleter = deleter;
        this.scanner = scanner;
        this.approvals = approvals;
        this.anomalies = anomalies;
        this.kafka = kafka;
        this.handlers = handlers;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        Set<SizeClass> handled = EnumSet.noneOf(SizeClass.class);
        handlers.forEach(h -> handled.addAll(h.handles()));
        List<String> fileTopics = handled.stream().map(Topics::forClass).toList();
        try (ResultCollector collector = new ResultCollector(ConsumerDefaults.of(kafka), fileTopics)) {
            ScanReport report = scanner.scan("once", settings.dryRun());
            ScanCompleted scan = report.summary();
            boolean dryRun = settings.dryRun();
            Instant deadline = Instant.now().plus(settings.timeout());
            PolicyApprovals.Outcome approved = dryRun ? PolicyApprovals.Outcome.NONE
                    : policyApprovals(report, scan, deadline);
            long expected = dryRun ? 0 : handled.stream().mapToLong(c -> scan.filesQueued().getOrDefault(c, 0L)).sum()
                    + approved.approved().size();
            long expectedBytes = dryRun ? 0
                    : handled.stream().mapToLong(c -> scan.bytesQueued().getOrDefault(c, 0L)).sum()
                    + approved.approvedBytes();
            ProgressLine progress = new ProgressLine(System.out, ProgressLine.stdoutIsTerminal(),
                    settings.progressInterval(), expected, expectedBytes, ofThisScan(report), Instant.now());
            // An approved oversized file's result carries this scan's id and its class: only policy approvals
            // of this run publish such records, so counting the class counts them.
            Set<SizeClass> counted = EnumSet.copyOf(handled);
            if (!approved.approved().isEmpty()) {
                counted.add(SizeClass.OVERSIZED);
            }
            ScanResults results = collector.await(scan.scanId(), expected, r -> counted.contains(r.sizeClass()),
                    deadline, progress);
            progress.end();
            // A file the risk gate held waits for approval: settled for this run, like an oversized one.
            boolean timedOut = results.received(counted) + results.held() < expected;
            boolean failed = results.anyFailed();
            long waiting = dryRun ? 0 : scan.filesQueued().entrySet().stream()
                    .filter(e -> !handled.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum()
                    - approved.settled() + results.held();
            // As rclone's --delete-after: only once every copy has succeeded.
            DeletionPlan plan = report.deletions();
            boolean deleting = plan != null && plan.ready() && deleter != null && !timedOut && !failed;
            DeletionOutcome deleted = deleting ? deleter.execute(plan) : DeletionOutcome.NONE;
            boolean incomplete = scan.filesDeferred() > 0 || waiting > 0 || plan != null && plan.guarded();
            exitCode = timedOut ? EXIT_TIMEOUT
                    : failed || !scan.errors().isEmpty() || !deleted.failed().isEmpty() ? EXIT_FAILED
                    : incomplete ? EXIT_INCOMPLETE : 0;
            Instant end = collector.lastArrival() != null && expected > 0 ? collector.lastArrival() : Instant.now();
            OnceAnomalies.Found found = dryRun || anomalies == null ? OnceAnomalies.Found.NONE
                    : anomalies(scan.startedAt(), deadline);
            System.out.print(OnceSummary.render(scan, results, report.planned(), report.planTruncated(), handled,
                    approved, Duration.between(scan.startedAt(), end), Duration.between(jvmStart, scan.startedAt()),
                    timedOut)
                    + OnceSummary.deletions(plan, deleted, dryRun, deleting || plan == null || !plan.ready() ? null
                            : timedOut ? "results did not all arrive in time" : "a transfer failed")
                    + OnceSummary.anomalies(found, dryRun || anomalies == null)
                    + OnceSummary.outcome(exitCode, scan.filesDeferred(), waiting, settings.approvalPage(),
                            settings.logFile()));
            System.out.flush();
        }
    }

    private PolicyApprovals.Outcome policyApprovals(ScanReport report, ScanCompleted scan, Instant deadline) {
        if (approvals == null || scan.filesQueued().getOrDefault(SizeClass.OVERSIZED, 0L) == 0) {
            return PolicyApprovals.Outcome.NONE;
        }
        try {
            return approvals.await(report.planned(), scan.startedAt(), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PolicyApprovals.Outcome.NONE;
        }
    }

    private OnceAnomalies.Found anomalies(Instant since, Instant deadline) {
        try {
            return anomalies.await(since, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OnceAnomalies.Found(0, List.of(), false);
        }
    }

    /**
     * Whether a file event is one the scan queued, for the progress line. The report lists the first
     * {@link io.sftpsync.scanner.scan.ScanReport#planned() files} only: past them every event counts, which
     * can only add an earlier run's large file to the line until its result arrives.
     */
    private static Predicate<UUID> ofThisScan(ScanReport report) {
        if (report.planTruncated()) {
            return id -> true;
        }
        SeenIds ids = new SeenIds(report.planned().size());
        report.planned().forEach(f -> ids.add(f.eventId()));
        return ids::contains;
    }

    public int exitCode() {
        return exitCode;
    }
}
