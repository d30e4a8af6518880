package io.sftpsync.large.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.large.LargeTransferApplication;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
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
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Stopping the service (what SIGTERM does) is not a failure: a transfer that finishes within the grace period
 * is reported and committed, one that does not is left without a result and uncommitted, and the next start
 * resumes it. Each test starts and stops the service itself on a real broker, PostgreSQL and in-process servers.
 */
@EmbeddedBroker(partitions = 2)
class LargeGracefulStopIT {

    static final int MiB = 1024 * 1024;
    static final Instant MTIME = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;
    @RegisterExtension
    final SftpPair servers = new SftpPair().basePaths("/", "/");

    @Test
    void aTransferStillRunningAfterTheGracePeriodLeavesNoResultAndNoCommitAndTheNextStartResumesIt(
            EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        String path = "stop/unfinished.bin";
        long size = 64L * MiB;
        Path local = TestFiles.random(servers.sourceServer().root().resolve(path), size, 1, MTIME);
        ConfigurableApplicationContext first = start(brokers, "200ms");
        // Opened once the service has created the topics.
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS);
             TopicReader progress = new TopicReader(brokers, Topics.PROGRESS);
             Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            Sent sent;
            try (first) {
                sent = publish(brokers, path, size);
                assertThat(progress.await(3, r -> r.key().equals(path), Duration.ofSeconds(90)))
                        .hasSizeGreaterThanOrEqualTo(3);
            }

            assertThat(results.drain(Duration.ofSeconds(2))).as("no result, FAILED or other").isEmpty();
            OffsetAndMetadata committed = committed(admin).get(sent.partition());
            assertThat(committed == null || committed.offset() <= sent.offset()).as("committed " + committed
                    + " not past the record at " + sent.offset()).isTrue();
            assertThat(servers.sinkServer().root().resolve(path)).doesNotExist();

            try (ConfigurableApplicationContext second = start(brokers, "30s")) {
                TransferResult result = awaitResult(results, sent.event());
                assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
                assertThat(result.resumedFrom()).isGreaterThanOrEqualTo(3L * MiB);
            }
        }
        assertThat(TestFiles.sha256(servers.sinkServer().root().resolve(path))).isEqualTo(TestFiles.sha256(local));
    }

    @Test
    void aTransferFinishingWithinTheGracePeriodIsReportedAndCommitted(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        String path = "stop/finishes.bin";
        long size = 12L * MiB;
        Path local = TestFiles.random(servers.sourceServer().root().resolve(path), size, 2, MTIME);
        ConfigurableApplicationContext service = start(brokers, "2m");
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS);
             TopicReader progress = new TopicReader(brokers, Topics.PROGRESS);
             Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            Sent sent;
            try (service) {
                sent = publish(brokers, path, size);
                assertThat(progress.await(1, r -> r.key().equals(path), Duration.ofSeconds(90))).isNotEmpty();
            }

            TransferResult result = awaitResult(results, sent.event());
            assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.resumedFrom()).isZero();
            assertThat(committed(admin).get(sent.partition())).isNotNull()
                    .extracting(OffsetAndMetadata::offset).isEqualTo(sent.offset() + 1);
        }
        assertThat(TestFiles.sha256(servers.sinkServer().root().resolve(path))).isEqualTo(TestFiles.sha256(local));
    }

    private ConfigurableApplicationContext start(String brokers, String grace) {
        Map<String, Object> props = new HashMap<>();
        TestConnections.add((k, v) -> props.put(k, v.get()), servers, "/", "/");
        props.put("spring.kafka.bootstrap-servers", brokers);
        props.put("sync.large.chunk-size", "1MB");
        props.put("sync.large.streams", "2");
        props.put("sync.large.shutdown-grace", grace);
        props.put("sync.data-dir", dir.resolve("data").toString());
        return new SpringApplicationBuilder(LargeTransferApplication.class).web(WebApplicationType.NONE)
                .properties(props).run();
    }

    record Sent(FileDiscovered event, TopicPartition partition, long offset) {
    }

    private static Sent publish(String brokers, String path, long size) throws Exception {
        FileDiscovered event = FileDiscovered.of(UUID.randomUUID(), path, size, MTIME, null, null, SyncReason.MISSING,
                SizeClass.LARGE, Instant.now());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers),
                new StringSerializer(), new ByteArraySerializer())) {
            RecordMetadata m = producer.send(new ProducerRecord<>(Topics.FILES_LARGE, path, EventCodec.encode(event)))
                    .get();
            return new Sent(event, new TopicPartition(m.topic(), m.partition()), m.offset());
        }
    }

    /** The large-file group's committed offsets (the listener's id is its group). */
    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(LargeFileListener.ID).partitionsToOffsetAndMetadata().get();
    }

    private static TransferResult awaitResult(TopicReader results, FileDiscovered event) {
        List<ConsumerRecord<String, byte[]>> found = results.await(1,
                r -> EventCodec.decode(r.value(), TransferResult.class).causationId().equals(event.eventId()),
                Duration.ofMinutes(2));
        assertThat(found).as("a result for " + event.path()).hasSize(1);
        return EventCodec.decode(found.get(0).value(), TransferResult.class);
    }
}
