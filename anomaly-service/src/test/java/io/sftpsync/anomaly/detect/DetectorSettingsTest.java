package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Each detector refuses thresholds that cannot work, naming the setting. */
class DetectorSettingsTest {

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> new ExtremeSizeDetector(0.5, 5)).hasMessage(
                "extreme-size.factor must be at least 1, was 0.5");
        assertThatThrownBy(() -> new ExtremeSizeDetector(10, 0)).hasMessageContaining("extreme-size.min-files");
        assertThatThrownBy(() -> new SizeChangeDetector(0, 3.5, 0.5)).hasMessageContaining("growth.min-samples");
        assertThatThrownBy(() -> new SizeChangeDetector(7, 0, 0.5)).hasMessageContaining("growth.threshold");
        assertThatThrownBy(() -> new SizeChangeDetector(7, 3.5, Double.NaN))
                .hasMessageContaining("growth.relative-tolerance");
        assertThatThrownBy(() -> new TimestampDetector(Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("old-file.age");
        assertThatThrownBy(() -> new TimestampDetector(Duration.ofDays(1), Duration.ofSeconds(-1)))
                .hasMessageContaining("clock-skew");
        assertThatThrownBy(() -> new SlowTransferDetector(1, 10, Duration.ZERO)).hasMessageContaining("slow-transfer.factor");
        assertThatThrownBy(() -> new SlowTransferDetector(0.2, 0, Duration.ZERO)).hasMessageContaining("slow-transfer.min-samples");
        assertThatThrownBy(() -> new SlowTransferDetector(0.2, 10, Duration.ofSeconds(-1)))
                .hasMessageContaining("slow-transfer.min-duration");
        assertThatThrownBy(() -> new StalledTransferDetector(Duration.ZERO))
                .hasMessageContaining("stalled-transfer.after");
        assertThatThrownBy(() -> new InterruptedDetector(1)).hasMessageContaining("interrupted.repeated-failures");
        assertThatThrownBy(() -> new LateArrivalDetector(Duration.ofHours(-1), 6, ZoneOffset.UTC))
                .hasMessageContaining("late-arrival.tolerance");
        assertThatThrownBy(() -> new LateArrivalDetector(Duration.ofHours(2), 2, ZoneOffset.UTC))
                .hasMessageContaining("late-arrival.min-arrivals");
        assertThatThrownBy(() -> new ScanVolumeDetector(0, 5)).hasMessageContaining("scan-volume.threshold");
        assertThatThrownBy(() -> new ScanVolumeDetector(0.5, 0)).hasMessageContaining("scan-volume.min-scans");
        assertThatThrownBy(() -> new ResourceImpactDetector(0L)).hasMessageContaining("resource.budget");
        assertThatThrownBy(() -> new Finding(AnomalyType.OLD_FILE, Severity.INFO, 1.5, "x"))
                .hasMessageContaining("score must be between 0 and 1");
        assertThatThrownBy(() -> new Finding(AnomalyType.OLD_FILE, Severity.INFO, 0.5, " "))
                .hasMessageContaining("message");
    }
}
