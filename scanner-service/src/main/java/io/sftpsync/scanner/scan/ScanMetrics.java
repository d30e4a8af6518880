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
    private final Counter withheld;

    public ScanMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("sync.scan.duration").description("time one scan took").register(registry);
        this.errors = Counter.builder("sync.scan.errors").description("paths a scan could not handle")
                .register(registry);
        this.seen = Counter.builder("sync.scan.files.seen").description("source files scans listed").register(registry);
        this.withheld = Counter.builder("sync.deletions.withheld").description("scans whose deletions a guard"
                + " (sync.delete.max, max-fraction) withheld").register(registry);
        for (String how : new String[] {"deleted", "moved"}) {
            removed(how, 0);
        }
    }

    /** A sink file the source lacks was removed: "deleted", or "moved" into the backup directory. */
    public void removed(String how) {
        removed(how, 1);
    }

    void withheld() {
        withheld.increment();
    }

    private void removed(String how, int n) {
        Counter.builder("sync.files.deleted").description("sink files removed because the source no longer has them")
                .tag("how", how).register(registry).increment(n);
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
