package io.sftpsync.boot.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Builds listener container factories that read raw bytes (so a malformed record reaches the listener and
 * from there the dead-letter topic, instead of failing in the deserializer), commit offsets only after the
 * listener returns, and retry a failing listener with exponential back-off before dead-lettering.
 */
public final class ListenerFactories {

    private final KafkaProperties kafka;
    private final DeadLetterPublishingRecoverer recoverer;

    ListenerFactories(KafkaProperties kafka, DeadLetterPublishingRecoverer recoverer) {
        this.kafka = kafka;
        this.recoverer = recoverer;
    }

    /**
     * A batch factory.
     *
     * @param groupId        consumer group
     * @param maxPollRecords records per batch
     * @param maxPollInterval how long a batch may take before the broker considers the consumer dead
     */
    public ConcurrentKafkaListenerContainerFactory<String, byte[]> batch(String groupId, int maxPollRecords,
            Duration maxPollInterval) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = factory(groupId, maxPollRecords,
                maxPollInterval);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        return factory;
    }

    /** A record-at-a-time factory. */
    public ConcurrentKafkaListenerContainerFactory<String, byte[]> single(String groupId) {
        return single(groupId, 500, Duration.ofMinutes(5));
    }

    /**
     * A record-at-a-time factory.
     *
     * @param groupId         consumer group
     * @param maxPollRecords  records per poll
     * @param maxPollInterval longest time between polls before the broker considers the consumer dead
     */
    public ConcurrentKafkaListenerContainerFactory<String, byte[]> single(String groupId, int maxPollRecords,
            Duration maxPollInterval) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = factory(groupId, maxPollRecords,
                maxPollInterval);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        return factory;
    }

    /** The recoverer listeners call directly for records they cannot parse. */
    public DeadLetterPublishingRecoverer deadLetters() {
        return recoverer;
    }

    private ConcurrentKafkaListenerContainerFactory<String, byte[]> factory(String groupId, int maxPollRecords,
            Duration maxPollInterval) {
        Map<String, Object> props = ConsumerDefaults.of(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) maxPollInterval.toMillis());
        // Heartbeats come from the client's own thread, whatever the listener does; a short session lets a
        // restarted process (after a crash, its old member still registered) get its partitions back in seconds.
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()));
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(120_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(recoverer, backOff));
        return factory;
    }
}
