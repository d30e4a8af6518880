package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DedupeTest {

    static final Instant MTIME = Instant.parse("2026-11-30T05:40:00.123456789Z");

    @Test
    void oneVersionOfOneFileIsOneKeyPerType() {
        Dedupe a = Dedupe.ofFile("data/x.csv", AnomalyType.OLD_FILE, 100, MTIME);
        assertThat(Dedupe.ofFile("data/x.csv", AnomalyType.OLD_FILE, 100, MTIME)).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a.key()).isEqualTo("OLD_FILE|data/x.csv|100@1796017200.123456789");
        // Another size, another mtime (even a nanosecond), another type or path: another anomaly.
        assertThat(Set.of(a,
                Dedupe.ofFile("data/x.csv", AnomalyType.OLD_FILE, 101, MTIME),
                Dedupe.ofFile("data/x.csv", AnomalyType.OLD_FILE, 100, MTIME.plusNanos(1)),
                Dedupe.ofFile("data/x.csv", AnomalyType.FUTURE_TIMESTAMP, 100, MTIME),
                Dedupe.ofFile("data/y.csv", AnomalyType.OLD_FILE, 100, MTIME))).hasSize(5);
    }

    @Test
    void pathsAreNormalised() {
        Dedupe nfc = Dedupe.ofFile("caf\u00e9/r\u00e9sum\u00e9.txt", AnomalyType.SIZE_GROWTH, 1, MTIME);
        Dedupe nfd = Dedupe.ofFile("cafe\u0301/re\u0301sume\u0301.txt", AnomalyType.SIZE_GROWTH, 1, MTIME);
        assertThat(nfd).isEqualTo(nfc);
        assertThat(Dedupe.ofFile("./data/x.csv", AnomalyType.OLD_FILE, 1, MTIME))
                .isEqualTo(Dedupe.ofFile("data/x.csv", AnomalyType.OLD_FILE, 1, MTIME));
        assertThat(Dedupe.of("reports/", AnomalyType.LATE_ARRIVAL, Instant.parse("2026-12-03T08:00:00Z")))
                .isEqualTo(Dedupe.of("reports", AnomalyType.LATE_ARRIVAL, "2026-12-03T08:00:00Z"));
    }

    @Test
    void eventsOtherThanAFileVersionAreKeyedByWhatHappenedOnce() {
        UUID transfer = UUID.randomUUID();
        assertThat(Dedupe.of("big/file.iso", AnomalyType.STALLED_TRANSFER, transfer))
                .isEqualTo(Dedupe.of("big/file.iso", AnomalyType.STALLED_TRANSFER, transfer.toString()))
                .isNotEqualTo(Dedupe.of("big/file.iso", AnomalyType.STALLED_TRANSFER, UUID.randomUUID()));
        assertThat(Dedupe.of("", AnomalyType.SCAN_VOLUME, transfer).key()).isEqualTo("SCAN_VOLUME||" + transfer);
    }

    @Test
    void refusesWhatCannotBeAKey() {
        assertThatThrownBy(() -> Dedupe.ofFile("../x", AnomalyType.OLD_FILE, 1, MTIME))
                .hasMessageContaining("'..'");
        assertThatThrownBy(() -> Dedupe.ofFile("x", AnomalyType.OLD_FILE, -1, MTIME)).hasMessageContaining("size");
        assertThatThrownBy(() -> Dedupe.of("x", AnomalyType.SCAN_VOLUME, " ")).hasMessageContaining("occurrence");
    }
}
