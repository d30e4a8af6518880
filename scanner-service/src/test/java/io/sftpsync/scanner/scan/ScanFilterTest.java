package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.listing.RemoteFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScanFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void includeAndExcludeGlobs() {
        ScanFilter filter = new ScanFilter(List.of("data/**", "*.csv"), List.of("*.tmp", "data/private/**"),
                Duration.ofSeconds(30));
        assertThat(filter.accepts("data/x/y.bin")).isTrue();
        assertThat(filter.accepts("elsewhere/report.csv")).isTrue();
        assertThat(filter.accepts("elsewhere/report.txt")).isFalse();
        assertThat(filter.accepts("data/x/y.tmp")).isFalse();
        assertThat(filter.accepts("data/private/secret.csv")).isFalse();
        assertThat(new ScanFilter(List.of(), List.of(), Duration.ZERO).accepts("anything/at all")).isTrue();
    }

    @Test
    void recentFilesAreTooYoungButFutureTimestampsAreNot() {
        ScanFilter filter = new ScanFilter(List.of(), List.of(), Duration.ofSeconds(30));
        assertThat(filter.tooYoung(NOW.minusSeconds(10), NOW)).isTrue();
        assertThat(filter.tooYoung(NOW.minusSeconds(31), NOW)).isFalse();
        assertThat(filter.tooYoung(NOW.plusSeconds(5), NOW)).isTrue();
        assertThat(filter.tooYoung(Instant.parse("2099-01-01T00:00:00Z"), NOW)).isFalse();
        assertThat(filter.tooYoung(Instant.parse("1970-01-01T00:00:00Z"), NOW)).isFalse();
        assertThat(new ScanFilter(List.of(), List.of(), Duration.ZERO).tooYoung(NOW, NOW)).isFalse();
    }

    @Test
    void inFlightEntriesEndWithTheirResultAChangeOrTheTimeout() {
        MutableClock clock = new MutableClock(NOW);
        InFlightRegistry registry = new InFlightRegistry(Duration.ofHours(1), clock);
        RemoteFile file = new RemoteFile("a", 10, NOW.minusSeconds(600));
        UUID first = UUID.randomUUID();
        registry.queued(file, first);
        assertThat(registry.isQueued(file)).isTrue();
        assertThat(registry.isQueued(new RemoteFile("a", 11, file.mtime()))).isFalse();
        registry.finished("a", UUID.randomUUID());
        assertThat(registry.isQueued(file)).as("a result of another event leaves the entry").isTrue();
        registry.finished("a", first);
        assertThat(registry.isQueued(file)).isFalse();
        registry.queued(file, UUID.randomUUID());
        clock.now = NOW.plus(Duration.ofHours(2));
        assertThat(registry.isQueued(file)).isFalse();
    }

    @Test
    void stableOnlyWhenThePreviousScanSawTheSame() {
        StabilityTracker tracker = new StabilityTracker();
        RemoteFile v1 = new RemoteFile("a", 10, NOW);
        assertThat(tracker.stable(v1)).isFalse();
        tracker.endScan();
        assertThat(tracker.stable(v1)).isTrue();
        tracker.endScan();
        assertThat(tracker.stable(new RemoteFile("a", 20, NOW))).isFalse();
        tracker.endScan();
        tracker.endScan();
        assertThat(tracker.stable(new RemoteFile("a", 20, NOW))).as("forgotten after a scan without it").isFalse();
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
