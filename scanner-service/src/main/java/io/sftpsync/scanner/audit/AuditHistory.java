package io.sftpsync.scanner.audit;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileAudited;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each path was last audited, read from the compacted {@code sftp.audits} at the start of an audit: every
 * partition from its start to the end it had then, without a consumer group. The scanner has no database, and the
 * topic keeps the last verdict per path. Paths are held as 64-bit hashes (a collision only reorders the sample).
 */
public final class AuditHistory {

    private static final Logger log = LoggerFactory.getLogger(AuditHistory.class);
    /** A read that receives nothing for this long while records remain fails instead of hanging the audit. */
    private static final Duration STALL = Duration.ofSeconds(60);

    private final Map<String, Object> consumerProps;

    /** @param consumerProps connection settings of a consumer (a group id in them is not used) */
    public AuditHistory(Map<String, Object> consumerProps) {
        this.consumerProps = new HashMap<>(consumerProps);
        this.consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    }

    /** The last audits known now. */
    LastAudits read() {
        Map<Long, Long> last = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDITS, STALL).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, STALL));
            ends.entrySet().removeIf(e -> consumer.position(e.getKey(), STALL) >= e.getValue());
            Instant lastProgress = Instant.now();
            while (!ends.isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> r : records) {
                    Long end = ends.get(new TopicPartition(r.topic(), r.partition()));
                    if (end != null && r.offset() < end && r.key() != null) {
                        visit(r, last);
                    }
                }
                if (!records.isEmpty()) {
                    lastProgress = Instant.now();
                }
                ends.entrySet().removeIf(e -> consumer.position(e.getKey(), STALL) >= e.getValue());
                if (!ends.isEmpty() && Duration.between(lastProgress, Instant.now()).compareTo(STALL) > 0) {
                    throw new IllegalStateException("reading " + Topics.AUDITS + " made no progress for " + STALL
                            + "; partitions left: " + ends.keySet());
                }
            }
        }
        return new LastAudits(last);
    }

    private static void visit(ConsumerRecord<String, byte[]> r, Map<Long, Long> last) {
        long key = LastAudits.hash(r.key());
        if (r.value() == null) {
            last.remove(key);
            return;
        }
        try {
            last.put(key, EventCodec.decode(r.value(), FileAudited.class).auditedAt().getEpochSecond());
        } catch (MalformedEventException e) {
            log.warn("{} partition {} offset {}: skipped, {}", Topics.AUDITS, r.partition(), r.offset(),
                    e.getMessage());
        }
    }

    /** Epoch seconds of the last audit per path hash. */
    record LastAudits(Map<Long, Long> bySecond) {

        static final LastAudits NONE = new LastAudits(Map.of());

        /** Epoch seconds of the path's last audit, or {@link AuditCandidate#NEVER}. */
        long of(String path) {
            Long at = bySecond.get(hash(path));
            return at == null ? AuditCandidate.NEVER : at;
        }

        /** FNV-1a, 64 bits, of the path's UTF-8 bytes. */
        static long hash(String path) {
            long h = 0xcbf29ce484222325L;
            for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            return h;
        }
    }
}
