package io.sftpsync.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.anomaly.detect.ExtremeSizeDetector;
import io.sftpsync.anomaly.detect.InterruptedDetector;
import io.sftpsync.anomaly.detect.LateArrivalDetector;
import io.sftpsync.anomaly.detect.ResourceImpactDetector;
import io.sftpsync.anomaly.detect.ScanVolumeDetector;
import io.sftpsync.anomaly.detect.SizeChangeDetector;
import io.sftpsync.anomaly.detect.SlowTransferDetector;
import io.sftpsync.anomaly.detect.StalledTransferDetector;
import io.sftpsync.anomaly.detect.TimestampDetector;
import io.sftpsync.anomaly.detect.VerificationDetector;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** Binding, defaults and the messages of what is refused, as start-up sees them (no broker, no database). */
class AnomalyPropertiesTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(AnomalyDetectors.class);

    @Test
    void defaults() {
        runner.run(ctx -> {
            AnomalyProperties p = ctx.getBean(AnomalyProperties.class);
            assertThat(p.retention()).isEqualTo(Duration.ofDays(90));
            assertThat(p.clockSkew()).isEqualTo(Duration.ofMinutes(5));
            assertThat(p.extremeSize().factor()).isEqualTo(10);
            assertThat(p.extremeSize().minFiles()).isEqualTo(5);
            assertThat(p.growth().minSamples()).isEqualTo(7);
            assertThat(p.growth().threshold()).isEqualTo(3.5);
            assertThat(p.growth().relativeTolerance()).isEqualTo(0.5);
            assertThat(p.oldFile().age()).isEqualTo(Duration.ofDays(365));
            assertThat(p.slowTransfer().factor()).isEqualTo(0.2);
            assertThat(p.slowTransfer().minSamples()).isEqualTo(10);
            assertThat(p.stalledTransfer().after()).isEqualTo(Duration.ofMinutes(10));
            assertThat(p.interrupted().repeatedFailures()).isEqualTo(3);
            assertThat(p.lateArrival().tolerance()).isEqualTo(Duration.ofHours(2));
            assertThat(p.lateArrival().minArrivals()).isEqualTo(6);
            assertThat(p.lateArrival().zone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(p.scanVolume().threshold()).isEqualTo(0.5);
            assertThat(p.scanVolume().minScans()).isEqualTo(5);
            assertThat(p.resource().budget()).isNull();
            assertThat(p.riskGate().enabled()).isFalse();
        });
    }

    @Test
    void everyDetectorIsABean() {
        runner.run(ctx -> assertThat(ctx).hasSingleBean(ExtremeSizeDetector.class)
                .hasSingleBean(SizeChangeDetector.class).hasSingleBean(TimestampDetector.class)
                .hasSingleBean(SlowTransferDetector.class).hasSingleBean(StalledTransferDetector.class)
                .hasSingleBean(VerificationDetector.class).hasSingleBean(InterruptedDetector.class)
                .hasSingleBean(LateArrivalDetector.class).hasSingleBean(ScanVolumeDetector.class)
                .hasSingleBean(ResourceImpactDetector.class));
    }

    @Test
    void everySettingBinds() {
        runner.withPropertyValues("sync.anomaly.retention=30d", "sync.anomaly.clock-skew=1m",
                "sync.anomaly.extreme-size.factor=20", "sync.anomaly.growth.threshold=5",
                "sync.anomaly.growth.relative-tolerance=0.25", "sync.anomaly.old-file.age=730d",
                "sync.anomaly.slow-transfer.factor=0.1", "sync.anomaly.stalled-transfer.after=30m",
                "sync.anomaly.late-arrival.zone=Europe/Berlin", "sync.anomaly.scan-volume.threshold=0.3",
                "sync.anomaly.resource.budget=500GB", "sync.anomaly.risk-gate.enabled=true").run(ctx -> {
                    AnomalyProperties p = ctx.getBean(AnomalyProperties.class);
                    assertThat(p.retention()).isEqualTo(Duration.ofDays(30));
                    assertThat(p.clockSkew()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(p.extremeSize().factor()).isEqualTo(20);
                    assertThat(p.growth().threshold()).isEqualTo(5);
                    assertThat(p.growth().relativeTolerance()).isEqualTo(0.25);
                    assertThat(p.oldFile().age()).isEqualTo(Duration.ofDays(730));
                    assertThat(p.slowTransfer().factor()).isEqualTo(0.1);
                    assertThat(p.stalledTransfer().after()).isEqualTo(Duration.ofMinutes(30));
                    assertThat(p.lateArrival().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
                    assertThat(p.scanVolume().threshold()).isEqualTo(0.3);
                    assertThat(p.resource().budget()).isEqualTo(DataSize.ofGigabytes(500));
                    assertThat(p.riskGate().enabled()).isTrue();
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sync.anomaly.retention=0s                  | sync.anomaly.retention must be positive",
            "sync.anomaly.clock-skew=-1s                | sync.anomaly.clock-skew must not be negative",
            "sync.anomaly.old-file.age=-1d              | sync.anomaly.old-file.age must be positive",
            "sync.anomaly.stalled-transfer.after=0s     | sync.anomaly.stalled-transfer.after must be positive",
            "sync.anomaly.late-arrival.tolerance=-1h    | sync.anomaly.late-arrival.tolerance must not be negative",
            "sync.anomaly.resource.budget=0B            | sync.anomaly.resource.budget must be positive",
            "sync.anomaly.extreme-size.factor=0.5       | extremeSize.factor",
            "sync.anomaly.growth.min-samples=2          | growth.minSamples",
            "sync.anomaly.growth.threshold=0            | growth.threshold",
            "sync.anomaly.growth.relative-tolerance=0   | growth.relativeTolerance",
            "sync.anomaly.slow-transfer.factor=1        | slowTransfer.factor",
            "sync.anomaly.interrupted.repeated-failures=1 | interrupted.repeatedFailures",
            "sync.anomaly.scan-volume.threshold=1.5     | scanVolume.threshold",
            "sync.anomaly.late-arrival.zone=Mars/Olympus | sync.anomaly.late-arrival.zone",
    })
    void refusesWhatCannotWorkNamingTheSetting(String property, String message) {
        runner.withPropertyValues(property).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(messages(ctx.getStartupFailure())).contains(message);
        });
    }

    static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
