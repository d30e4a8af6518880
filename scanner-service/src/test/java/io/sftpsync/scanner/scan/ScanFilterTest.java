package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
}
