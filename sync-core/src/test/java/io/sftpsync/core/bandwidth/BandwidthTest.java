package io.sftpsync.core.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class BandwidthTest {

    @Test
    void aSingleRateHoldsAllDayInBinaryUnits() {
        Bandwidth b = Bandwidth.parse("10MB");

        assertThat(b.bytesPerSecondAt(LocalTime.of(0, 0))).isEqualTo(10L << 20);
        assertThat(b.bytesPerSecondAt(LocalTime.of(23, 59))).isEqualTo(10L << 20);
        assertThat(Bandwidth.parse("512KB").bytesPerSecondAt(LocalTime.NOON)).isEqualTo(512L << 10);
        assertThat(Bandwidth.parse("1.5G").bytesPerSecondAt(LocalTime.NOON)).isEqualTo(3L << 29);
        assertThat(Bandwidth.parse("4096").bytesPerSecondAt(LocalTime.NOON)).isEqualTo(4096);
        assertThat(b.isUnlimited()).isFalse();
        assertThat(b).hasToString("10MB");
    }

    @Test
    void blankOffAndZeroAreNoLimit() {
        for (String none : new String[] {null, "", "  ", "off", "OFF", "0", "0MB"}) {
            assertThat(Bandwidth.parse(none).isUnlimited()).as(none).isTrue();
            assertThat(Bandwidth.parse(none).bytesPerSecondAt(LocalTime.NOON)).isZero();
        }
    }

    @Test
    void aTimetableGivesEachTimeOfDayItsRateAndWrapsPastMidnight() {
        Bandwidth b = Bandwidth.parse("08:00,512KB 19:00,10MB 23:00,off");

        assertThat(b.bytesPerSecondAt(LocalTime.of(7, 59))).isZero();
        assertThat(b.bytesPerSecondAt(LocalTime.of(8, 0))).isEqualTo(512L << 10);
        assertThat(b.bytesPerSecondAt(LocalTime.of(18, 59, 59))).isEqualTo(512L << 10);
        assertThat(b.bytesPerSecondAt(LocalTime.of(19, 0))).isEqualTo(10L << 20);
        assertThat(b.bytesPerSecondAt(LocalTime.of(23, 30))).isZero();
        assertThat(b.isUnlimited()).isFalse();
        assertThat(b).hasToString("08:00,512KB 19:00,10MB 23:00,off");
        // The last rate of the day runs on until the first time of the next.
        assertThat(Bandwidth.parse("06:00,1MB 22:00,64KB").bytesPerSecondAt(LocalTime.of(3, 0))).isEqualTo(64L << 10);
    }

    @Test
    void wrongTextIsRefusedSayingWhy() {
        assertThatIllegalArgumentException().isThrownBy(() -> Bandwidth.parse("fast"))
                .withMessageContaining("'fast' is not a rate");
        assertThatIllegalArgumentException().isThrownBy(() -> Bandwidth.parse("-1MB"))
                .withMessageContaining("is not a rate");
        assertThatIllegalArgumentException().isThrownBy(() -> Bandwidth.parse("100B"))
                .withMessageContaining("below 1KB");
        assertThatIllegalArgumentException().isThrownBy(() -> Bandwidth.parse("25:00,1MB 08:00,off"))
                .withMessageContaining("'25:00'").withMessageContaining("time of day");
        assertThatIllegalArgumentException().isThrownBy(() -> Bandwidth.parse("08:00,1MB,2MB"))
                .withMessageContaining("HH:MM,RATE");
        assertThatIllegalArgumentException().isThrownBy(() -> Bandwidth.parse("08:00,1MB 08:00,2MB"))
                .withMessageContaining("twice");
    }
}
