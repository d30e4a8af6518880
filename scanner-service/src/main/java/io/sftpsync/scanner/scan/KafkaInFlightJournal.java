package io.sftpsync.scanner.scan;

import io.sftpsync.core.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The in-flight journal on the compacted topic {@code sftp.scan.inflight}: key the path, value an
 * {@link InFlightEntry}, a tombstone when the entry ends. One producer writes an entry and its tombstone, keyed
 * alike, so they reach the same partition in that order. Replay reads every partition from its start to the end
 * it had when the replay began, without a consumer group.
 */
public final class KafkaInFlightJournal implements InFlightJournal {

    private static final Logger log = LoggerFactory.getLogger(KafkaInFlightJournal.class);
    /** A replay that receives nothing for this long while records remain fails instead of hanging start-up. */
    private static final Duration STALL = Duration.ofSeconds(60);

    private final KafkaTemplate<String, byte[]> template;
    private final Map<String, Object> consumerProps;

    /**
     * @param template      a producer of raw values
     * @param consumerProps connection settings of a consumer (a group id in them is not used)
     */
    public KafkaInFlightJournal(KafkaTemplate<String, byte[]> template, Map<String, Object> consumerProps) {
        this.template = template;
        this.consumerProps = new HashMap<>(consumerProps);
        this.consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    }

    @Override
    public CompletableFuture<?> write(String path, InFlightEntry entry) {
        return template.send(Topics.SCAN_INFLIGHT, path, entry.encode());
    }

    @Override
    public CompletableFuture<?> remove(String path) {
        return template.send(Topics.SCAN_INFLIGHT, path, null);
    }

    @Override
    public void flush() {
        template.flush();
    }

    @Override
    public void replay(BiConsumer<String, InFlightEntry> visitor) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCAN_INFLIGHT, STALL).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, STALL));
            ends.entrySet().removeIf(e -> consumer.position(e.getKey(), STALL) >= e.getValue());
            Instant lastProgress = Instant.now();
            while (!ends.isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = ends.get(tp);
                    if (end != null && r.offset() < end) {
                        visit(r, visitor);
                    }
                }
                if (!records.isEmpty()) {
                    lastProgress = Instant.now();
                }
                ends.entrySet().removeIf(e -> consumer.position(e.getKey(), STALL) >= e.getValue());
                if (!ends.isEmpty() && Duration.between(lastProgress, Instant.now()).compareTo(STALL) > 0) {
                    throw new IllegalStateException("reading " + Topics.SCAN_INFLIGHT + " made no progress for "
                            + STALL + "; partitions left: " + ends.keySet());
                }
            }
        }
    }

    private static void visit(ConsumerRecord<String, byte[]> r, BiConsumer<String, InFlightEntry> visitor) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            visitor.accept(r.key(), null);
            return;
        }
        try {
            visitor.accept(r.key(), InFlightEntry.decode(r.value()));
        } catch (IllegalArgumentException e) {
            log.warn("{} partition {} offset {}: skipped, {}", Topics.SCAN_INFLIGHT, r.partition(), r.offset(),
                    e.getMessage());
        }
    }
}
