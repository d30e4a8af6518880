package io.sftpsync.core.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timetable followed on fake clocks: the sleeps asked for, never a real wait. */
class ThrottleTest {

    private static final long SECOND = 1_000_000_000L;

    private final long[] nanos = {0};
    private final List<Long> sleeps = new ArrayList<>();
    private Instant wall = Instant.parse("2026-12-03T07:59:58Z");

    private Throttle throttle(String bandwidth) {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return wall;
            }
        };
        return new Throttle(Bandwidth.parse(bandwidth), clock, () -> nanos[0], n -> {
            sleeps.add(n);
            nanos[0] += n;
        });
    }

    @Test
    void noLimitBeforeEightAndTheScheduledRateFromThen() throws Exception {
        Throttle t = throttle("08:00,1KB 12:00,off");

        t.acquire(1 << 30, "read");
        assertThat(sleeps).isEmpty();

        wall = Instant.parse("2026-12-03T08:00:00Z");
        nanos[0] += SECOND;
        assertThat(t.currentRate()).isEqualTo(1024);
        t.acquire(1024, "write");
        t.acquire(512, "write");
        assertThat(sleeps).containsExactly(SECOND / 2);

        wall = Instant.parse("2026-12-03T12:00:00Z");
        nanos[0] += SECOND;
        t.acquire(1 << 30, "read");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void theTimetableIsLookedUpAtMostOnceASecond() throws Exception {
        Throttle t = throttle("08:00,1KB 12:00,off");
        assertThat(t.currentRate()).isZero();

        wall = Instant.parse("2026-12-03T08:00:00Z");
        assertThat(t.currentRate()).isZero();
        nanos[0] += SECOND;
        assertThat(t.currentRate()).isEqualTo(1024);
    }
}
