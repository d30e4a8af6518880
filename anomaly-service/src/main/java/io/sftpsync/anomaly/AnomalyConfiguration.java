package io.sftpsync.anomaly;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The anomaly service. For now its settings and its detectors (package {@code detect}, pure functions), each a
 * bean configured from {@link AnomalyProperties}; the consumers, history and API come later.
 */
@AutoConfiguration
@EnableConfigurationProperties(AnomalyProperties.class)
public class AnomalyConfiguration {
}
