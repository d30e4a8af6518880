package io.sftpsync.standalone.once;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code sftp.transfers.results} from the position it had when opened, without a consumer group, and
 * keeps the results of one scan, one per file event (a redelivered event's second result is ignored). Results
 * of events an earlier run queued (left unfinished by a crash or a stop, and redelivered now) are kept apart.
 */
final class ResultCollector implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<UUID, TransferResult> results = new HashMap<>();
    private final Map<UUID, TransferResult> earlier = new LinkedHashMap<>();
    private Instant lastArrival;

    /** Opens at the current end of the topic, so only results published from now on are seen. */
    ResultCollector(Map<String, Object> kafkaProps) {
        Properties props = new Properties();
        props.putAll(kafkaProps);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /**
     * Polls until {@code expected} results of the scan arrived or the deadline passed.
     *
     * @return the results, keyed by the event they answer
     */
    Map<UUID, TransferResult> await(UUID scanId, long expected, Predicate<TransferResult> counted, Instant deadline) {
        long matched = results.values().stream().filter(counted).count();
        while (matched < expected && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TransferResult r;
                try {
                    r = EventCodec.decode(record.value(), TransferResult.class);
                } catch (MalformedEventException e) {
                    continue;
                }
                if (!scanId.equals(r.scanId())) {
                    earlier.putIfAbsent(r.causationId(), r);
                } else if (results.putIfAbsent(r.causationId(), r) == null) {
                    lastArrival = Instant.now();
                    if (counted.test(r)) {
                        matched++;
                    }
                }
            }
        }
        return Map.copyOf(results);
    }

    /** Results that arrived meanwhile for events of earlier scans, in arrival order. */
    List<TransferResult> earlier() {
        return List.copyOf(earlier.values());
    }

    Instant lastArrival() {
        return lastArrival;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
