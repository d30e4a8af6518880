package io.sftpsync.anomaly;

import io.sftpsync.anomaly.detect.ExtremeSizeDetector;
import io.sftpsync.anomaly.detect.SizeChangeDetector;
import io.sftpsync.anomaly.detect.TimestampDetector;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The anomaly service. For now its settings and its detectors (package {@code detect}, pure functions), each a
 * bean configured from {@link AnomalyProperties}; the consumers, history and API come later.
 */
@AutoConfiguration
@EnableConfigurationProperties(AnomalyProperties.class)
public class AnomalyConfiguration {

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
}
