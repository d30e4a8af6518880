package io.sftpsync.large.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.large.LargeTransferApplication;
import io.sftpsync.large.checkpoint.TransferLock;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The large-file listener on a real broker, PostgreSQL and two in-process SFTP servers: large files copied at the
 * same time, offsets committed only past finished records, and a result the broker refuses dead-lettered so the
 * partition moves on.
 */
@SpringBootTest(classes = LargeTransferApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedBroker(partitions = 2)
class LargeListenerIT {

    static final int MiB = 1024 * 1024;
    static final Instant MTIME = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    // The listener's id is its consumer group.
    static final String GROUP = LargeFileListener.ID;

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/", "/");

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Autowired
    TransferLock lock;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/", "/");
        r.add("sync.large.chunk-size", () -> "1MB");
        r.add("sync.large.streams", () -> "2");
        r.add("sync.large.concurrency", () -> "2");
        r.add("sync.large.backoff", () -> "200ms");
        r.add("sync.large.publish-attempts", () -> "2");
        r.add("sync.data-dir", () -> dir.resolve("data").toString());
    }

    @Test
    void twoLargeFilesOfOnePartitionCopyAtOverlappingTimes() throws Exception {
        long size = 24L * MiB;
        TestFiles.random(source().root().resolve("parallel/a.bin"), size, 1, MTIME);
        TestFiles.random(source().root().resolve("parallel/b.bin"), size, 2, MTIME);
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS);
             TopicReader progress = new TopicReader(brokers, Topics.PROGRESS)) {
            FileDiscovered a = publish("parallel/a.bin", size, 0).event();
            FileDiscovered b = publish("parallel/b.bin", size, 0).event();

            assertThat(awaitResult(results, a).status()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(awaitResult(results, b).status()).isEqualTo(TransferStatus.SUCCEEDED);

            List<TransferProgress> events = progress.await(48, r -> r.key().startsWith("parallel/"),
                    Duration.ofSeconds(30)).stream().map(r -> EventCodec.decode(r.value(), TransferProgress.class))
                    .toList();
            List<Instant> ofA = events.stream().filter(p -> p.path().equals("parallel/a.bin"))
                    .map(TransferProgress::at).sorted().toList();
            List<Instant> ofB = events.stream().filter(p -> p.path().equals("parallel/b.bin"))
                    .map(TransferProgress::at).sorted().toList();
            assertThat(ofA).hasSize(24);
            assertThat(ofB).hasSize(24);
            // Overlapping: each file had a chunk done before the other's last one (one after the other, every
            // chunk of the second came after the last of the first).
            assertThat(ofA.get(0)).isBefore(ofB.get(23));
            assertThat(ofB.get(0)).isBefore(ofA.get(23));
        }
        assertThat(TestFiles.sha256(sink().root().resolve("parallel/a.bin")))
                .isEqualTo(TestFiles.sha256(source().root().resolve("parallel/a.bin")));
        assertThat(TestFiles.sha256(sink().root().resolve("parallel/b.bin")))
                .isEqualTo(TestFiles.sha256(source().root().resolve("parallel/b.bin")));
    }

    @Test
    void aLaterRecordFinishingFirstIsNotCommittedPastAnEarlierOneStillRunning() throws Exception {
        TestFiles.random(source().root().resolve("order/slow.bin"), 2L * MiB, 3, MTIME);
        TestFiles.random(source().root().resolve("order/quick.bin"), 2L * MiB, 4, MTIME);
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS);
             Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            Sent slow;
            Sent quick;
            // Another transfer of the same path holds its lock: the first record's copy waits.
            try (TransferLock.Lease held = lock.tryAcquire("order/slow.bin").orElseThrow()) {
                slow = publish("order/slow.bin", 2L * MiB, 1);
                quick = publish("order/quick.bin", 2L * MiB, 1);

                assertThat(awaitResult(results, quick.event()).status()).isEqualTo(TransferStatus.SUCCEEDED);
                // Committing the quick one's offset would skip the slow one after a crash; wait for commits that
                // should not come (an immediate ack is committed within a poll).
                Instant until = Instant.now().plusSeconds(4);
                while (Instant.now().isBefore(until)) {
                    assertThat(committed(admin, 1)).satisfiesAnyOf(
                            c -> assertThat(c).isEmpty(),
                            c -> assertThat(c.getAsLong()).isLessThanOrEqualTo(slow.offset()));
                    Thread.sleep(200);
                }
            }
            assertThat(awaitResult(results, slow.event()).status()).isEqualTo(TransferStatus.SUCCEEDED);
            awaitCommitted(admin, 1, quick.offset() + 1);
        }
    }

    @Test
    void aResultTheBrokerRefusesSendsTheRecordToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
        TestFiles.random(source().root().resolve("dlt/refused.bin"), MiB + 1, 5, MTIME);
        TestFiles.random(source().root().resolve("dlt/after.bin"), MiB + 1, 6, MTIME);
        ConfigResource resultsTopic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RESULTS);
        try (TopicReader dlt = new TopicReader(brokers, Topics.deadLetter(Topics.FILES_LARGE));
             TopicReader results = new TopicReader(brokers, Topics.RESULTS);
             Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            // Every result is larger than this: the broker refuses them (RecordTooLargeException).
            alter(admin, resultsTopic, new AlterConfigOp(new ConfigEntry("max.message.bytes", "64"),
                    AlterConfigOp.OpType.SET));
            Sent refused;
            try {
                refused = publish("dlt/refused.bin", MiB + 1, 0);
                List<ConsumerRecord<String, byte[]>> dead = dlt.await(1, r -> r.key().equals("dlt/refused.bin"),
                        Duration.ofSeconds(60));
                assertThat(dead).hasSize(1);
                Header why = dead.get(0).headers().lastHeader("kafka_dlt-exception-message");
                assertThat(why).isNotNull();
                assertThat(new String(why.value(), StandardCharsets.UTF_8))
                        .contains("SUCCEEDED result could not be published to " + Topics.RESULTS + " after 2 attempts");
                assertThat(EventCodec.decode(dead.get(0).value(), FileDiscovered.class).eventId())
                        .isEqualTo(refused.event().eventId());
            } finally {
                alter(admin, resultsTopic, new AlterConfigOp(new ConfigEntry("max.message.bytes", null),
                        AlterConfigOp.OpType.DELETE));
            }
            Sent after = publish("dlt/after.bin", MiB + 1, 0);

            assertThat(awaitResult(results, after.event()).status()).isEqualTo(TransferStatus.SUCCEEDED);
            awaitCommitted(admin, 0, after.offset() + 1);
            assertThat(results.drain(Duration.ZERO)).noneMatch(r -> r.key().equals("dlt/refused.bin"));
        }
        assertThat(TestFiles.sha256(sink().root().resolve("dlt/refused.bin")))
                .isEqualTo(TestFiles.sha256(source().root().resolve("dlt/refused.bin")));
    }

    record Sent(FileDiscovered event, long offset) {
    }

    private Sent publish(String path, long size, int partition) throws Exception {
        FileDiscovered event = FileDiscovered.of(UUID.randomUUID(), path, size, MTIME, null, null, SyncReason.MISSING,
                SizeClass.LARGE, Instant.now());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers),
                new StringSerializer(), new ByteArraySerializer())) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.FILES_LARGE, partition, path,
                    EventCodec.encode(event))).get();
            return new Sent(event, sent.offset());
        }
    }

    private static OptionalLong committed(Admin admin, int partition) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata o = offsets.get(new TopicPartition(Topics.FILES_LARGE, partition));
        return o == null ? OptionalLong.empty() : OptionalLong.of(o.offset());
    }

    private static void awaitCommitted(Admin admin, int partition, long offset) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (committed(admin, partition).orElse(-1) < offset && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(committed(admin, partition)).hasValue(offset);
    }

    private static void alter(Admin admin, ConfigResource resource, AlterConfigOp op) throws Exception {
        Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(resource, List.of(op));
        admin.incrementalAlterConfigs(change).all().get();
    }

    private static TransferResult awaitResult(TopicReader results, FileDiscovered event) {
        List<ConsumerRecord<String, byte[]>> found = results.await(1,
                r -> EventCodec.decode(r.value(), TransferResult.class).causationId().equals(event.eventId()),
                Duration.ofSeconds(60));
        assertThat(found).as("a result for " + event.path()).hasSize(1);
        return EventCodec.decode(found.get(0).value(), TransferResult.class);
    }

    private static InProcessSftpServer source() {
        return servers.sourceServer();
    }

    private static InProcessSftpServer sink() {
        return servers.sinkServer();
    }
}
