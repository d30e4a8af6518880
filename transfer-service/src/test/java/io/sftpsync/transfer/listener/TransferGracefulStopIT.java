package io.sftpsync.transfer.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import io.sftpsync.transfer.TransferApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Stopping the small/medium service mid-copy (what SIGTERM does) after its grace period publishes no FAILED result
 * and commits nothing, and the next start copies the file; on a real broker and in-process servers.
 */
@EmbeddedBroker(partitions = 2)
class TransferGracefulStopIT {

    static final int MiB = 1024 * 1024;
    static final Instant MTIME = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    final SftpPair servers = new SftpPair().basePaths("/", "/");

    @Test
    void aCopyCutOffByTheStopLeavesNoResultAndNoCommitAndTheNextStartCopiesIt(EmbeddedKafkaBroker broker)
            throws Exception {
        String brokers = broker.getBrokersAsString();
        String path = "stop/medium.bin";
        long size = 96L * MiB;
        Path local = TestFiles.random(servers.sourceServer().root().resolve(path), size, 1, MTIME);
        FileDiscovered event = FileDiscovered.of(UUID.randomUUID(), path, size, MTIME, null, null,
                SyncReason.MISSING, SizeClass.MEDIUM, Instant.now());
        RecordMetadata sent;
        ConfigurableApplicationContext first = start(brokers, "200ms");
        // Opened once the service has created the topics.
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS);
             Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            try (first) {
                sent = publish(brokers, event);
                assertThat(TestFiles.interruptOnceWriting(servers.sinkServer().root().resolve("stop"), "medium.bin",
                        MiB, () -> { })).as("the copy started").isTrue();
            }

            assertThat(results.drain(Duration.ofSeconds(2))).as("no result, FAILED or other").isEmpty();
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(FileBatchListener.ID)
                    .partitionsToOffsetAndMetadata().get().get(new TopicPartition(sent.topic(), sent.partition()));
            assertThat(committed == null || committed.offset() <= sent.offset()).as("committed " + committed
                    + " not past the record at " + sent.offset()).isTrue();

            try (ConfigurableApplicationContext second = start(brokers, "30s")) {
                List<ConsumerRecord<String, byte[]>> found = results.await(1, r -> EventCodec.decode(r.value(),
                        TransferResult.class).causationId().equals(event.eventId()), Duration.ofMinutes(3));
                assertThat(found).hasSize(1);
                TransferResult result = EventCodec.decode(found.get(0).value(), TransferResult.class);
                assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
            }
        }
        assertThat(TestFiles.sha256(servers.sinkServer().root().resolve(path))).isEqualTo(TestFiles.sha256(local));
    }

    private ConfigurableApplicationContext start(String brokers, String grace) {
        Map<String, Object> props = new HashMap<>();
        TestConnections.add((k, v) -> props.put(k, v.get()), servers, "/", "/");
        props.put("spring.kafka.bootstrap-servers", brokers);
        props.put("sync.transfer.shutdown-grace", grace);
        return new SpringApplicationBuilder(TransferApplication.class).web(WebApplicationType.NONE)
                .properties(props).run();
    }

    private static RecordMetadata publish(String brokers, FileDiscovered event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers),
                new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(Topics.FILES_MEDIUM, event.path(), EventCodec.encode(event)))
                    .get();
        }
    }
}
