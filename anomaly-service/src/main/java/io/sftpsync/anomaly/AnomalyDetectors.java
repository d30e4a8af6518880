package io.sftpsync.anomaly;

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
import io.sftpsync.boot.config.ThresholdProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The settings (its own, and sync-boot's shared size-class boundaries {@code sync.thresholds.*}, which EXTREME_SIZE
 * judges against) and the detectors (package {@code detect}, pure functions), each a bean configured from {@link
 * AnomalyProperties}: what needs no broker or database, imported by {@link AnomalyConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AnomalyProperties.class, ThresholdProperties.class})
public class AnomalyDetectors {

    @Bean
    ExtremeSizeDetector extremeSizeDetector(AnomalyProperties p) {
        return new ExtremeSizeDetector(p.extremeSize().factor(), p.extremeSize().minFiles());
    }

    @Bean
    SizeChangeDetector sizeChangeDetector(AnomalyProperties p) {
        return new SizeChangeDetector(p.growth().minSamples(), p.growth().threshold(),
                p.growth().relativeTolerance());
    }

    @Bean
    TimestampDetector timestampDetector(AnomalyProperties p) {
        return new TimestampDetector(p.oldFile().age(), p.clockSkew());
    }

    @Bean
    SlowTransferDetector slowTransferDetector(AnomalyProperties p) {
        return new SlowTransferDetector(p.slowTransfer().factor(), p.slowTransfer().minSamples(),
                p.slowTransfer().minDuration());
    }

    @Bean
    StalledTransferDetector stalledTransferDetector(AnomalyProperties p) {
        return new StalledTransferDetector(p.stalledTransfer().after());
    }

    @Bean
    VerificationDetector verificationDetector() {
        return new VerificationDetector();
    }

    @Bean
    InterruptedDetector interruptedDetector(AnomalyProperties p) {
        return new InterruptedDetector(p.interrupted().repeatedFailures());
    }

    @Bean
    ScanVolumeDetector scanVolumeDetector(AnomalyProperties p) {
        return new ScanVolumeDetector(p.scanVolume().threshold(), p.scanVolume().minScans());
    }

    @Bean
    ResourceImpactDetector resourceImpactDetector(AnomalyProperties p) {
        return new ResourceImpactDetector(p.resource().budget() == null ? null : p.resource().budget().toBytes());
    }

    @Bean
    LateArrivalDetector lateArrivalDetector(AnomalyProperties p) {
        return new LateArrivalDetector(p.lateArrival().tolerance(), p.lateArrival().minArrivals(),
                p.lateArrival().zone());
    }
}
