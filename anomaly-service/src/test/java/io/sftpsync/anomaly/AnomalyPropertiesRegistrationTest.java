package io.sftpsync.anomaly;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.boot.config.UnknownPropertyCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The settings record as the start-up check sees it: every documented sync.anomaly.* property binds, a typo does
 * not.
 */
class AnomalyPropertiesRegistrationTest {

    static UnknownPropertyCheck check(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        // As @EnableConfigurationProperties(AnomalyProperties.class) registers it.
        beans.registerBeanDefinition("sync.anomaly-" + AnomalyProperties.class.getName(),
                new RootBeanDefinition(AnomalyProperties.class));
        return new UnknownPropertyCheck(environment, beans);
    }

    @Test
    void everyDocumentedPropertyIsKnown() {
        assertThatCode(() -> check(Map.ofEntries(
                Map.entry("sync.anomaly.retention", "30d"),
                Map.entry("sync.anomaly.clock-skew", "1m"),
                Map.entry("sync.anomaly.extreme-size.factor", "20"),
                Map.entry("sync.anomaly.extreme-size.min-files", "3"),
                Map.entry("sync.anomaly.growth.min-samples", "10"),
                Map.entry("sync.anomaly.growth.threshold", "5"),
                Map.entry("sync.anomaly.growth.relative-tolerance", "0.25"),
                Map.entry("sync.anomaly.old-file.age", "730d"),
                Map.entry("sync.anomaly.slow-transfer.factor", "0.1"),
                Map.entry("sync.anomaly.slow-transfer.min-samples", "20"),
                Map.entry("sync.anomaly.stalled-transfer.after", "30m"),
                Map.entry("sync.anomaly.interrupted.repeated-failures", "5"),
                Map.entry("sync.anomaly.late-arrival.tolerance", "1h"),
                Map.entry("sync.anomaly.late-arrival.min-arrivals", "10"),
                Map.entry("sync.anomaly.late-arrival.zone", "Europe/Berlin"),
                Map.entry("sync.anomaly.scan-volume.threshold", "0.3"),
                Map.entry("sync.anomaly.scan-volume.min-scans", "3"),
                Map.entry("sync.anomaly.resource.budget", "500GB"),
                Map.entry("sync.anomaly.risk-gate.enabled", "true"))).afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    @Test
    void aMisspelledPropertyStopsStartUpNamingIt() {
        assertThatThrownBy(() -> check(Map.of("sync.anomaly.retension", "1d")).afterPropertiesSet())
                .hasMessageContaining("sync.anomaly.retension");
        assertThatThrownBy(() -> check(Map.of("sync.anomaly.growth.treshold", "3")).afterPropertiesSet())
                .hasMessageContaining("sync.anomaly.growth.treshold");
        assertThatThrownBy(() -> check(Map.of("sync.anomaly.risk-gate.enable", "true")).afterPropertiesSet())
                .hasMessageContaining("sync.anomaly.risk-gate.enable");
    }
}
