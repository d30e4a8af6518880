package io.sftpsync.boot.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Transfers for Prometheus: files, bytes and durations per class and status, throughput per class, and the bytes of
 * the files being copied right now per class. Histograms have a few fixed buckets (not Micrometer's ~70 default
 * ones per series), so classes times statuses stay a few dozen series.
 */
public final class TransferMetrics {

    /** From a small file's sub-second copy to a large file's hour. */
    static final Duration[] DURATION_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
            Duration.ofHours(1)};
    /** Bytes per second: a throttled link's 1 MiB/s to a LAN's 1 GiB/s. */
    static final double[] THROUGHPUT_BUCKETS = {64.0 * 1024, 1024.0 * 1024, 10.0 * 1024 * 1024, 50.0 * 1024 * 1024,
            100.0 * 1024 * 1024, 250.0 * 1024 * 1024, 1024.0 * 1024 * 1024};

    private final MeterRegistry registry;
    private final Map<SizeClass, AtomicLong> inFlight = new EnumMap<>(SizeClass.class);

    /**
     * @param classes the classes this service copies: each gets its in-flight gauge (one per class, so the two
     *                transfer services can share a registry in the standalone process)
     */
    public TransferMetrics(MeterRegistry registry, Set<SizeClass> classes) {
        this.registry = registry;
        for (SizeClass c : classes) {
            AtomicLong bytes = new AtomicLong();
            inFlight.put(c, bytes);
            Gauge.builder("sync.transfer.bytes.in.flight", bytes, AtomicLong::get).baseUnit("bytes")
                    .tag("class", tag(c)).description("sizes of the files being copied right now")
                    .register(registry);
            // At 0 from the start, so an alert's increase() sees a process's first failure.
            for (TransferStatus status : TransferStatus.values()) {
                registry.counter("sync.transfer.files", "class", tag(c), "status", tag(status));
                registry.counter("sync.transfer.bytes", "class", tag(c), "status", tag(status));
            }
        }
    }

    /**
     * A copy starts: its file's size counts as in flight until the returned handle is closed.
     */
    public InFlight started(FileDiscovered event) {
        AtomicLong bytes = inFlight.get(event.sizeClass());
        if (bytes == null) {
            return () -> { };
        }
        long size = event.size();
        bytes.addAndGet(size);
        return () -> bytes.addAndGet(-size);
    }

    public void record(TransferResult result) {
        String cls = result.sizeClass() == null ? "unknown" : tag(result.sizeClass());
        String status = tag(result.status());
        registry.counter("sync.transfer.files", "class", cls, "status", status).increment();
        registry.counter("sync.transfer.bytes", "class", cls, "status", status).increment(result.bytes());
        Timer.builder("sync.transfer.duration").tag("class", cls).tag("status", status)
                .description("time one file's transfer took, attempts and pauses included")
                .serviceLevelObjectives(DURATION_BUCKETS).register(registry)
                .record(Duration.ofMillis(result.durationMs()));
        if (result.status() == TransferStatus.SUCCEEDED && result.bytes() > 0 && result.durationMs() > 0) {
            DistributionSummary.builder("sync.transfer.throughput").baseUnit("bytes.per.second").tag("class", cls)
                    .description("bytes per second of each successful copy")
                    .serviceLevelObjectives(THROUGHPUT_BUCKETS).register(registry)
                    .record(result.bytes() * 1000.0 / result.durationMs());
        }
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The end of one copy's time in flight. */
    @FunctionalInterface
    public interface InFlight extends AutoCloseable {
        @Override
        void close();
    }
}
