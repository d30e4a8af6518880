package io.sftpsync.boot.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.boot.config.TopicProperties;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The consumer lag of the groups this process's listeners use, per group and topic. Only where the application has
 * Kafka (a test application may leave it out).
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, io.sftpsync.boot.kafka.KafkaConfiguration.class})
@ConditionalOnBean({KafkaProperties.class, TopicProperties.class})
public class ConsumerLagConfiguration {

    @Bean
    ConsumerLagMetrics consumerLagMetrics(KafkaProperties kafka, MeterRegistry meters, TopicProperties topics,
            ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
        return new ConsumerLagMetrics(kafka.buildAdminProperties(), meters, () -> groups(listeners),
                topics.lagInterval());
    }

    private static Map<String, Set<String>> groups(ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
        Map<String, Set<String>> groups = new TreeMap<>();
        KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
        if (registry == null) {
            return groups;
        }
        for (MessageListenerContainer c : registry.getListenerContainers()) {
            String[] topics = c.getContainerProperties().getTopics();
            if (c.getGroupId() != null && topics != null) {
                groups.computeIfAbsent(c.getGroupId(), g -> new LinkedHashSet<>()).addAll(Arrays.asList(topics));
            }
        }
        return groups;
    }
}
