package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampDetectorTest {

    static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");
    static final TimestampDetector DETECTOR = new TimestampDetector(Duration.ofDays(365), Duration.ofMinutes(5));

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "2026-12-03T07:00:00Z,          -,                -",
            "2025-12-03T07:00:00Z,          -,                -",
            "2025-12-03T06:59:59Z,          OLD_FILE,         INFO",
            "1999-01-01T00:00:00Z,          OLD_FILE,         INFO",
            // Within the clock-skew tolerance: not in the future.
            "2026-12-03T07:05:00Z,          -,                -",
            "2026-12-03T07:05:01Z,          FUTURE_TIMESTAMP, WARNING",
            "2026-12-04T07:00:00Z,          FUTURE_TIMESTAMP, WARNING",
            "2026-12-04T07:00:01Z,          FUTURE_TIMESTAMP, CRITICAL",
            "2036-01-01T00:00:00Z,          FUTURE_TIMESTAMP, CRITICAL",
    })
    void olderThanAgeOrBeyondNowPlusClockSkew(Instant mtime, AnomalyType type, Severity severity) {
        Optional<Finding> found = DETECTOR.detect(mtime, NOW);
        if (type == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).get().extracting(Finding::type, Finding::severity).containsExactly(type, severity);
        }
    }

    @Test
    void withoutToleranceOneSecondAheadIsInTheFuture() {
        TimestampDetector strict = new TimestampDetector(Duration.ofDays(365), Duration.ZERO);
        assertThat(strict.detect(NOW.plusSeconds(1), NOW)).get().extracting(Finding::type)
                .isEqualTo(AnomalyType.FUTURE_TIMESTAMP);
        assertThat(strict.detect(NOW, NOW)).isEmpty();
    }

    @Test
    void oncePerFileVersionOverSeveralScans() {
        // As the later consumer keeps them: one anomaly per dedupe key.
        java.util.Set<Dedupe> stored = new java.util.LinkedHashSet<>();
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        Instant future = Instant.parse("2027-06-01T00:00:00Z");
        for (int scan = 0; scan < 3; scan++) {
            Instant now = NOW.plus(Duration.ofHours(scan));
            DETECTOR.detect(old, now).ifPresent(f -> stored.add(Dedupe.ofFile("a/old.txt", f.type(), 10, old)));
            DETECTOR.detect(future, now).ifPresent(f -> stored.add(Dedupe.ofFile("a/new.txt", f.type(), 5, future)));
        }
        assertThat(stored).extracting(Dedupe::type)
                .containsExactly(AnomalyType.OLD_FILE, AnomalyType.FUTURE_TIMESTAMP);
        // A new version of the old file (it was rewritten with its old mtime and another size) is another anomaly.
        DETECTOR.detect(old, NOW).ifPresent(f -> stored.add(Dedupe.ofFile("a/old.txt", f.type(), 11, old)));
        assertThat(stored).hasSize(3);
    }

    @Test
    void theSentencesHaveTheDates() {
        assertThat(DETECTOR.detect(Instant.parse("2024-02-05T10:00:00Z"), NOW).orElseThrow().message())
                .isEqualTo("modified 2024-02-05, 1031 days ago (older than 365 days)");
        assertThat(DETECTOR.detect(Instant.parse("2026-12-03T10:10:00Z"), NOW).orElseThrow().message())
                .isEqualTo("modified 2026-12-03T10:10:00Z, 3h 10m after now (2026-12-03T07:00:00Z; clock-skew "
                        + "tolerance 5 min)");
    }
}
