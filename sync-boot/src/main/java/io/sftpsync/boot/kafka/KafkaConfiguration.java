package io.sftpsync.boot.kafka;

import io.sftpsync.boot.config.TopicProperties;
import io.sftpsync.core.events.EventSerializer;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Topics (created when missing, dead-letter topics with the same partitions so a dead letter keeps its
 * partition), the event publisher, and the dead-letter recoverer shared by every consumer.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TopicProperties.class)
public class KafkaConfiguration {

    @Bean
    KafkaAdmin.NewTopics syncTopics(TopicProperties t) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.fileTopics()) {
            topics.add(new NewTopic(name, t.partitions(), t.replicas()));
            topics.add(new NewTopic(Topics.deadLetter(name), t.partitions(), t.replicas()));
        }
        for (String name : List.of(Topics.SCANS, Topics.RESULTS, Topics.PROGRESS, Topics.FILES_SCREENING,
                Topics.FILES_HELD, Topics.SCAN_REQUESTS)) {
            topics.add(new NewTopic(name, t.partitions(), t.replicas()));
            topics.add(new NewTopic(Topics.deadLetter(name), t.partitions(), t.replicas()));
        }
        // Compacted: the broker keeps the last record per path, and drops an entry's records some time after
        // its tombstone. Small segments, so that compaction keeps what a restart reads back short.
        topics.add(new NewTopic(Topics.SCAN_INFLIGHT, t.partitions(), t.replicas()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024),
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis()))));
        // Compacted too: the integrity audit reads the last verdict per path back to audit the oldest first.
        topics.add(new NewTopic(Topics.AUDITS, t.partitions(), t.replicas()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024),
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis()))));
        topics.add(new NewTopic(Topics.deadLetter(Topics.AUDITS), t.partitions(), t.replicas()));
        // Read by people and other systems, by no consumer of ours: no dead-letter topic.
        topics.add(new NewTopic(Topics.DELETIONS, t.partitions(), t.replicas()));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    KafkaTemplate<String, SyncEvent> eventTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProps(kafka),
                new StringSerializer(), new EventSerializer()));
    }

    /** Publishes raw values: dead letters as the consumer saw them, and the scanner's in-flight journal. */
    @Bean
    KafkaTemplate<String, byte[]> rawTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProps(kafka),
                new StringSerializer(), new ByteArraySerializer()));
    }

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, SyncEvent> eventTemplate) {
        return new EventPublisher(eventTemplate);
    }

    @Bean
    DeadLetterPublishingRecoverer deadLetterRecoverer(KafkaTemplate<String, byte[]> rawTemplate) {
        // <topic>.DLT, same partition: spring-kafka's own default suffix is "-dlt".
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(rawTemplate,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        // A dead letter counts as handled only once the broker has it: nothing is lost.
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(30));
        return recoverer;
    }

    @Bean
    ListenerFactories listenerFactories(KafkaProperties kafka, DeadLetterPublishingRecoverer recoverer) {
        return new ListenerFactories(kafka, recoverer);
    }

    private static Map<String, Object> producerProps(KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        return props;
    }
}
