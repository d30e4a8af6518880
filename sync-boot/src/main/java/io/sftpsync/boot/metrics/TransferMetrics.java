package io.sftpsync.boot.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sftpsync.core.events.TransferResult;
import java.time.Duration;

/** Files, bytes and durations of transfers per class and status, for Prometheus. */
public final class TransferMetrics {

    private final MeterRegistry registry;

    public TransferMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(TransferResult result) {
        String cls = result.sizeClass() == null ? "unknown" : result.sizeClass().name().toLowerCase();
        String status = result.status().name().toLowerCase();
        registry.counter("sync.transfer.files", "class", cls, "status", status).increment();
        registry.counter("sync.transfer.bytes", "class", cls, "status", status).increment(result.bytes());
        Timer.builder("sync.transfer.duration").tag("class", cls).tag("status", status)
                .publishPercentileHistogram().register(registry).record(Duration.ofMillis(result.durationMs()));
    }
}
