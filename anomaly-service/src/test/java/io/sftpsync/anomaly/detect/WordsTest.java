package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void numbersAsAPersonReadsThem() {
        assertThat(Words.bytes(0)).isEqualTo("0 B");
        assertThat(Words.bytes(512)).isEqualTo("512 B");
        assertThat(Words.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Words.bytes(1023.7 * 1024)).isEqualTo("1.0 MiB");
        assertThat(Words.bytes(1023)).isEqualTo("1023 B");
        assertThat(Words.bytes(415L << 20)).isEqualTo("415 MiB");
        assertThat(Words.bytes(5.1 * (1L << 30))).isEqualTo("5.1 GiB");
        assertThat(Words.bytes(2L << 30)).isEqualTo("2 GiB");
        assertThat(Words.rate(12.4 * (1 << 20))).isEqualTo("12 MiB/s");
        assertThat(Words.times(12.34)).isEqualTo("12.3×");
        assertThat(Words.times(0.5)).isEqualTo("0.5×");
        assertThat(Words.times(0.08)).isEqualTo("0.08×");
        assertThat(Words.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Words.duration(Duration.ofMinutes(14))).isEqualTo("14 min");
        assertThat(Words.duration(Duration.ofMinutes(190))).isEqualTo("3h 10m");
        assertThat(Words.duration(Duration.ofHours(52))).isEqualTo("2 days 4h");
        assertThat(Words.duration(Duration.ofDays(698))).isEqualTo("698 days");
        assertThat(Words.when(Instant.parse("2026-11-27T05:40:00Z"), ZoneId.of("UTC")))
                .isEqualTo("Fri 2026-11-27 05:40 UTC");
        assertThat(Words.when(Instant.parse("2026-11-27T05:40:00Z"), ZoneId.of("Europe/Zurich")))
                .isEqualTo("Fri 2026-11-27 06:40 Europe/Zurich");
    }
}
