package io.sftpsync.standalone.once;

import io.sftpsync.boot.handlers.SizeClassHandler;
import io.sftpsync.boot.kafka.ConsumerDefaults;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.scanner.scan.Scanner;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The once mode: one scan, then wait for a result for every queued file that a service in this JVM handles,
 * print the summary and set the exit code (0 only when every transfer succeeded or was skipped and the scan
 * had no errors).
 */
public final class OnceRunner implements ApplicationRunner {

    /** Exit code when a transfer failed or the scan reported errors. */
    public static final int EXIT_FAILED = 1;
    /** Exit code when results did not all arrive in time. */
    public static final int EXIT_TIMEOUT = 3;

    private final Scanner scanner;
    private final KafkaProperties kafka;
    private final List<SizeClassHandler> handlers;
    private final boolean dryRun;
    private final Duration timeout;
    private volatile int exitCode = EXIT_FAILED;

    /**
     * @param dryRun  {@code sync.scan.dry-run}: publish nothing, so wait for no result
     * @param timeout {@code sync.standalone.once-timeout}: how long to wait for the results
     */
    public OnceRunner(Scanner scanner, KafkaProperties kafka, List<SizeClassHandler> handlers, boolean dryRun,
            Duration timeout) {
        this.scanner = scanner;
        this.kafka = kafka;
        this.handlers = handlers;
        this.dryRun = dryRun;
        this.timeout = timeout;
    }

    @Override
    public void run(ApplicationArguments args) {
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        Set<SizeClass> handled = EnumSet.noneOf(SizeClass.class);
        handlers.forEach(h -> handled.addAll(h.handles()));
        try (ResultCollector collector = new ResultCollector(ConsumerDefaults.of(kafka))) {
            ScanReport report = scanner.scan("once", dryRun);
            ScanCompleted scan = report.summary();
            long expected = dryRun ? 0 : handled.stream().mapToLong(c -> scan.filesQueued().getOrDefault(c, 0L)).sum();
            Instant deadline = Instant.now().plus(timeout);
            UUID scanId = scan.scanId();
            Map<UUID, TransferResult> results = collector.await(scanId, expected,
                    r -> handled.contains(r.sizeClass()), deadline);
            long received = results.values().stream().filter(r -> handled.contains(r.sizeClass())).count();
            boolean timedOut = received < expected;
            Instant end = collector.lastArrival() != null && expected > 0 ? collector.lastArrival() : Instant.now();
            System.out.print(OnceSummary.render(scan, results.values(), collector.earlier(), report.planned(),
                    report.planTruncated(), handled, Duration.between(scan.startedAt(), end), Duration.between(jvmStart, scan.startedAt()),
                    timedOut));
            System.out.flush();
            boolean failed = results.values().stream().anyMatch(r -> r.status() == TransferStatus.FAILED);
            exitCode = timedOut ? EXIT_TIMEOUT : failed || !scan.errors().isEmpty() ? EXIT_FAILED : 0;
        }
    }

    public int exitCode() {
        return exitCode;
    }
}
