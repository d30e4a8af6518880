package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.listing.RemoteFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

    @Test
    void expiredEntriesAreForgotten() {
        MutableClock clock = new MutableClock(NOW);
        InFlightRegistry registry = new InFlightRegistry(Duration.ofHours(1), clock, InFlightJournal.NONE);
        registry.queued(new RemoteFile("old", 1, NOW), UUID.randomUUID());
        clock.now = NOW.plus(Duration.ofMinutes(40));
        RemoteFile recent = new RemoteFile("recent", 1, NOW);
        registry.queued(recent, UUID.randomUUID());
        clock.now = NOW.plus(Duration.ofMinutes(61));

        assertThat(registry.removeExpired()).isEqualTo(1);

        assertThat(registry.size()).isEqualTo(1);
        assertThat(registry.isQueued(recent)).isTrue();
    }

    /**
     * What a million queued files cost in heap: the docs quote the figure this prints. A map of path strings to
     * entry records took about 220 bytes an entry (measured the same way).
     */
    @Test
    void aMillionEntriesTakeLessThanAHundredBytesEach() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        InFlightRegistry registry = new InFlightRegistry(Duration.ofHours(1), Clock.systemUTC(), InFlightJournal.NONE);
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        for (int i = 0; i < 1_000_000; i++) {
            registry.queued(new RemoteFile("projects/2026/customer-" + (i % 1000) + "/export-" + i + ".csv", i,
                    NOW), UUID.randomUUID());
        }
        System.gc();
        long perEntry = (memory.getHeapMemoryUsage().getUsed() - before) / 1_000_000;
        System.out.println("in-flight registry: " + perEntry + " bytes of heap per entry, 1,000,000 entries");

        assertThat(registry.size()).isEqualTo(1_000_000);
        assertThat(perEntry).isLessThan(100);
    }

    @Test
    void untrackedItKeepsNothingAndWritesOnlyTheTombstonesOfResults() {
        List<String> journal = new java.util.ArrayList<>();
        InFlightRegistry registry = new InFlightRegistry(Duration.ofHours(1), Clock.systemUTC(), new InFlightJournal() {
            @Override
            public java.util.concurrent.CompletableFuture<?> write(String path, InFlightEntry entry) {
                journal.add("entry " + path);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }

            @Override
            public java.util.concurrent.CompletableFuture<?> remove(String path) {
                journal.add("tombstone " + path);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }

            @Override
            public void flush() {
            }

            @Override
            public void replay(java.util.function.BiConsumer<String, InFlightEntry> visitor) {
            }
        }, false);
        RemoteFile file = new RemoteFile("a/b.txt", 10, Instant.parse("2026-01-01T00:00:00Z"));
        UUID event = UUID.randomUUID();

        registry.queued(file, event).join();

        assertThat(registry.isQueued(file)).isFalse();
        assertThat(registry.size()).isZero();
        assertThat(registry.anyQueuedUpTo(Instant.now())).isFalse();
        registry.finished("a/b.txt", event);
        assertThat(journal).as("an earlier run's entry of the path is ended all the same")
                .containsExactly("tombstone a/b.txt");
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
