package io.sftpsync.standalone.once;

import java.util.stream.Stream;

import java.util.Set;

import io.sftpsync.core.events.FileHeld;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.FileHeld;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.EmbeddedBroker;
import java.io.PrintStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/** The once mode's reader of results, on a real broker. */
@EmbeddedBroker(partitions = 1)
class ResultCollectorIT {

    @Test
    void aFileEventOfTheScanThatWasDeadLetteredCountsAsFailedInsteadOfBeingWaitedFor(EmbeddedKafkaBroker broker)
            throws Exception {
        String servers = broker.getBrokersAsString();
        String deadLetters = Topics.deadLetter(Topics.FILES_LARGE);
        createTopics(servers, Topics.RESULTS, Topics.PROGRESS, deadLetters, Topics.FILES_HELD);
        UUID scan = UUID.randomUUID();
        FileDiscovered event = FileDiscovered.of(scan, "big/a.bin", 100, Instant.now().minusSeconds(3600), null,
                null, SyncReason.MISSING, SizeClass.LARGE, Instant.now());
        ProgressLine quiet = new ProgressLine(new PrintStream(OutputStream.nullOutputStream()), false, Duration.ZERO,
                1, 100, id -> false, Instant.now());

        try (ResultCollector collector = new ResultCollector(Map.of("bootstrap.servers", servers),
                List.of(Topics.FILES_LARGE));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.<String, Object>of("bootstrap.servers", servers), new StringSerializer(),
                        new ByteArraySerializer())) {
            // As spring-kafka's dead-letter publisher sends it: the original record, the reason in a header.
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(deadLetters, event.path(),
                    EventCodec.encode(event));
            record.headers().add("kafka_dlt-exception-message", "result could not be published".getBytes());
            producer.send(record).get();

            ScanResults results = collector.await(scan, 1, r -> true, Instant.now().plus(Duration.ofMinutes(1)), quiet);

            assertThat(results.received()).isEqualTo(1);
            assertThat(results.notable()).hasSize(1);
            TransferResult failed = results.notable().get(0);
            assertThat(failed.causationId()).isEqualTo(event.eventId());
            assertThat(failed.status()).isEqualTo(TransferStatus.FAILED);
            assertThat(failed.path()).isEqualTo("big/a.bin");
            assertThat(failed.error()).isEqualTo("dead-lettered to sftp.files.large.DLT: result could not be published");
        }
    }

    @Test
    void aDiscoveryOfTheScanThatTheRiskGateHeldIsCountedAsHeldInsteadOfBeingWaitedFor(EmbeddedKafkaBroker broker)
            throws Exception {
        String servers = broker.getBrokersAsString();
        createTopics(servers, Topics.RESULTS, Topics.PROGRESS, Topics.FILES_HELD);
        UUID scan = UUID.randomUUID();
        FileDiscovered mine = FileDiscovered.of(scan, "exports/daily.csv", 90, Instant.now().minusSeconds(3600), 1_000L,
                Instant.now().minusSeconds(90_000), SyncReason.NEWER, SizeClass.SMALL, Instant.now());
        FileDiscovered earlier = FileDiscovered.of(UUID.randomUUID(), "exports/other.csv", 1, Instant.now(), null,
                null, SyncReason.MISSING, SizeClass.SMALL, Instant.now());
        ProgressLine quiet = new ProgressLine(new PrintStream(OutputStream.nullOutputStream()), false, Duration.ZERO,
                2, 100, id -> false, Instant.now());

        try (ResultCollector collector = new ResultCollector(Map.of("bootstrap.servers", servers),
                List.of(Topics.FILES_SMALL));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.<String, Object>of("bootstrap.servers", servers), new StringSerializer(),
                        new ByteArraySerializer())) {
            for (FileDiscovered d : List.of(earlier, mine, mine)) {
                producer.send(new ProducerRecord<>(Topics.FILES_HELD, d.path(), EventCodec.encode(FileHeld.of(d,
                        "a-1", "SIZE_SHRINK", "CRITICAL", "90 B is a tenth of 1000 B", 0.9, Instant.now())))).get();
            }
            FileDiscovered copied = FileDiscovered.of(scan, "exports/fine.csv", 5, Instant.now(), null, null,
                    SyncReason.MISSING, SizeClass.SMALL, Instant.now());
            producer.send(new ProducerRecord<>(Topics.RESULTS, copied.path(), EventCodec.encode(
                    TransferResult.succeeded(copied, 5, 3, null, 1, 0, null)))).get();

            ScanResults results = collector.await(scan, 2, r -> true, Instant.now().plus(Duration.ofMinutes(1)), quiet);

            assertThat(results.held()).as("the scan's one held file, once").isEqualTo(1);
            assertThat(results.received()).isEqualTo(1);
        }
    }

    /** Creates those of the topics the broker has not got (the tests of this class share it). */
    private static void createTopics(String servers, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", servers))) {
            Set<String> existing = admin.listTopics().names().get();
            admin.createTopics(Stream.of(names).filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        }
    }
}
