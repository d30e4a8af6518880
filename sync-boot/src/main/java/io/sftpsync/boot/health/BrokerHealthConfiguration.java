package io.sftpsync.boot.health;

import io.sftpsync.boot.config.TopicProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * The broker in {@code /actuator/health}, as component {@code broker}: every service consumes or publishes, the
 * anomaly service too, which has no SFTP servers (so its settings are {@code sync.topics.*}, not {@code sync.sftp.*}). Only where the application has Kafka (a test
 * application may leave it out).
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, io.sftpsync.boot.kafka.KafkaConfiguration.class})
@ConditionalOnBean({KafkaProperties.class, TopicProperties.class})
public class BrokerHealthConfiguration {

    @Bean
    BrokerHealthIndicator brokerHealthIndicator(KafkaProperties kafka, TopicProperties topics) {
        return new BrokerHealthIndicator(kafka.buildAdminProperties(), topics.healthTimeout(), topics.healthCache(),
                Clock.systemUTC());
    }
}
