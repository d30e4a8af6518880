package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.listing.RemoteFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InFlightRegistryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void inFlightEntriesEndWithTheirResultAChangeOrTheTimeout() {
        MutableClock clock = new MutableClock(NOW);
        InFlightRegistry registry = new InFlightRegistry(Duration.ofHours(1), clock, InFlightJournal.NONE);
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
