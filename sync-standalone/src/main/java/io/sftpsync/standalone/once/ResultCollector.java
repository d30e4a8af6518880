package io.sftpsync.standalone.once;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.FileHeld;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code sftp.transfers.results} from the position it had when opened, without a consumer group, and
 * counts the results of one scan into {@link ScanResults}, one per file event (a redelivered event's second
 * result is ignored). Results of events an earlier run queued (left unfinished by a crash or a stop, and
 * redelivered now) are counted apart.
 * It also reads the chunk progress of large files, for the progress line, and the file topics' dead-letter
 * topics: a file event a service dead-lettered gets no result, so it counts as failed instead of being waited
 * for until the time-out. And it reads {@code sftp.files.held}: a discovery the risk gate held waits for approval,
 * so it is counted as held instead of being waited for.
 */
final class ResultCollector implements AutoCloseable {

    /** The header spring-kafka's dead-letter publisher puts the exception message in. */
    private static final String DLT_MESSAGE = "kafka_dlt-exception-message";

    private final KafkaConsumer<String, byte[]> consumer;
    private Instant lastArrival;

    /**
     * Opens at the current end of the topics, so only what is published from now on is seen.
     *
     * @param fileTopics the file topics whose dead letters count as failures
     */
    ResultCollector(Map<String, Object> kafkaProps, Collection<String> fileTopics) {
        Properties props = new Properties();
        props.putAll(kafkaProps);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<String> topics = new ArrayList<>(List.of(Topics.RESULTS, Topics.PROGRESS, Topics.FILES_HELD));
        fileTopics.forEach(t -> topics.add(Topics.deadLetter(t)));
        List<TopicPartition> partitions = topics.stream()
                .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(30)).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /**
     * Polls until {@code expected} results of the scan arrived or the deadline passed.
     *
     * @param progress told of every result and chunk progress, and ticked after every poll
     * @return what the summary needs of the results, bounded however many files the scan queued
     */
    ScanResults await(UUID scanId, long expected, Predicate<TransferResult> counted, Instant deadline,
            ProgressLine progress) {
        ScanResults results = new ScanResults(scanId, expected);
        long matched = 0;
        while (matched < expected && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.topic().equals(Topics.PROGRESS)) {
                    decode(record.value(), TransferProgress.class).ifPresent(progress::chunk);
                    continue;
                }
                if (record.topic().equals(Topics.FILES_HELD)) {
                    Optional<FileDiscovered> held = decode(record.value(), FileHeld.class).map(FileHeld::discovery)
                            .filter(d -> scanId.equals(d.scanId()));
                    if (held.isPresent() && results.held(held.get().eventId())) {
                        lastArrival = Instant.now();
                        matched++;
                    }
                    continue;
                }
                TransferResult r = record.topic().equals(Topics.RESULTS)
                        ? decode(record.value(), TransferResult.class).orElse(null)
                        : decode(record.value(), FileDiscovered.class).map(e -> deadLettered(e, record)).orElse(null);
                if (r == null) {
                    continue;
                }
                if (!scanId.equals(r.scanId())) {
                    results.add(r);
                    progress.forget(r);
                } else if (results.add(r)) {
                    lastArrival = Instant.now();
                    progress.result(r);
                    if (counted.test(r)) {
                        matched++;
                    }
                }
            }
            progress.tick(Instant.now());
        }
        return results;
    }

    private static TransferResult deadLettered(FileDiscovered event, ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(DLT_MESSAGE);
        String why = header == null ? "no reason given" : new String(header.value(), StandardCharsets.UTF_8);
        return TransferResult.failed(event, 0, 1, "dead-lettered to " + record.topic() + ": " + why);
    }

    /** The event, or empty for a record that is not one (a dead letter can hold anything a producer sent). */
    private static <T extends SyncEvent> Optional<T> decode(byte[] value, Class<T> type) {
        try {
            return Optional.of(EventCodec.decode(value, type));
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }

    Instant lastArrival() {
        return lastArrival;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
