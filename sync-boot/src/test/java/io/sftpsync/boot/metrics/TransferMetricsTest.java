package io.sftpsync.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransferMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TransferMetrics metrics = new TransferMetrics(meters, EnumSet.of(SizeClass.SMALL, SizeClass.MEDIUM));

    @Test
    void failuresAreCountedFromZeroSoAnAlertSeesTheFirst() {
        assertThat(meters.get("sync.transfer.files").tag("class", "small").tag("status", "failed").counter().count())
                .isZero();
        assertThat(meters.find("sync.transfer.files").tag("class", "large").counter()).isNull();
    }

    @Test
    void aCopyCountsItsFileSizeInFlightUntilItEnds() {
        FileDiscovered event = FileDiscovered.of(UUID.randomUUID(), "a/b.bin", 5_000, Instant.now(), null, null,
                SyncReason.MISSING, SizeClass.MEDIUM, Instant.now());
        try (TransferMetrics.InFlight copying = metrics.started(event)) {
            assertThat(inFlight("medium")).isEqualTo(5_000);
            assertThat(inFlight("small")).isZero();
        }
        assertThat(inFlight("medium")).isZero();
    }

    @Test
    void aResultMovesFilesBytesDurationAndThroughput() {
        metrics.record(result(TransferStatus.SUCCEEDED, 2_000_000, 500));
        metrics.record(result(TransferStatus.FAILED, 0, 100));
        assertThat(meters.get("sync.transfer.files").tag("class", "small").tag("status", "succeeded").counter()
                .count()).isEqualTo(1);
        assertThat(meters.get("sync.transfer.bytes").tag("class", "small").tag("status", "succeeded").counter()
                .count()).isEqualTo(2_000_000);
        assertThat(meters.get("sync.transfer.duration").tag("status", "failed").timer().count()).isEqualTo(1);
        // Throughput of successful copies only: 2 MB in 0.5 s.
        assertThat(meters.get("sync.transfer.throughput").summary().count()).isEqualTo(1);
        assertThat(meters.get("sync.transfer.throughput").summary().max()).isEqualTo(4_000_000);
    }

    private double inFlight(String cls) {
        return meters.get("sync.transfer.bytes.in.flight").tag("class", cls).gauge().value();
    }

    private static TransferResult result(TransferStatus status, long bytes, long millis) {
        FileDiscovered cause = FileDiscovered.of(UUID.randomUUID(), "a/b.bin", bytes, Instant.now(), null, null,
                SyncReason.MISSING, SizeClass.SMALL, Instant.now());
        return status == TransferStatus.SUCCEEDED ? TransferResult.succeeded(cause, bytes, millis, null, 1, 0, null)
                : TransferResult.failed(cause, millis, 1, "refused");
    }
}
