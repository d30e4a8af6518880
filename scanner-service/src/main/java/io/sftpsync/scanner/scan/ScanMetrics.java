package io.sftpsync.scanner.scan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import java.time.Duration;

/** Scan counters for Prometheus: files seen, files and bytes queued per class, errors, duration. */
public final class ScanMetrics {

    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter errors;
    private final Counter seen;

    public ScanMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("sync.scan.duration").description("time one scan took").register(registry);
        this.errors = Counter.builder("sync.scan.errors").description("paths a scan could not handle")
                .register(registry);
        this.seen = Counter.builder("sync.scan.files.seen").description("source files scans listed").register(registry);
    }

    void record(ScanCompleted scan) {
        duration.record(Duration.between(scan.startedAt(), scan.finishedAt()));
        errors.increment(scan.errors().size());
        seen.increment(scan.filesSeen());
        for (SizeClass c : SizeClass.values()) {
            String tag = c.name().toLowerCase();
            registry.counter("sync.scan.files.queued", "class", tag).increment(scan.filesQueued().getOrDefault(c, 0L));
            registry.counter("sync.scan.bytes.queued", "class", tag).increment(scan.bytesQueued().getOrDefault(c, 0L));
        }
    }
}
