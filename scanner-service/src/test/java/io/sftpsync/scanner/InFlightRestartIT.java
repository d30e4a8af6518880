package io.sftpsync.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The in-flight registry across restarts, on a real broker: each scanner here is an application context of its
 * own, started and closed like a process, on the broker of the test's context. Each test works in a directory
 * of its own, so the tests share the broker and not their files.
 */
@SpringJUnitConfig(InFlightRestartIT.BrokerOnly.class)
@EmbeddedBroker(partitions = 2)
class InFlightRestartIT {

    static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/tree", "/tree");

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Configuration(proxyBeanMethods = false)
    static class BrokerOnly {
    }

    @Test
    void aRestartedScannerDefersWhatAnEarlierOneQueued() throws IOException {
        List<String> paths = files("restart", 5);
        try (ConfigurableApplicationContext first = scanner("restart")) {
            ScanCompleted scan = first.getBean(Scanner.class).scan("test", false).summary();
            assertThat(scan.totalQueued()).isEqualTo(5);
        }
        try (TopicReader inFlight = TopicReader.fromBeginning(brokers, Topics.SCAN_INFLIGHT)) {
            List<ConsumerRecord<String, byte[]>> entries = inFlight.await(5, r -> paths.contains(r.key()),
                    Duration.ofSeconds(10));
            assertThat(entries).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(paths);
            assertThat(entries).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .contains("\"eventId\"", "\"queuedAt\""));
        }

        try (ConfigurableApplicationContext second = scanner("restart");
                TopicReader small = new TopicReader(brokers, Topics.FILES_SMALL)) {
            ScanCompleted scan = second.getBean(Scanner.class).scan("test", false).summary();
            assertThat(scan.totalQueued()).isZero();
            assertThat(scan.filesDeferred()).isEqualTo(5);
            assertThat(small.drain(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void aResultEndsTheEntryWithATombstoneAndARestartQueuesThatFileAgain() throws Exception {
        List<String> paths = files("results", 3);
        String done = paths.getFirst();
        try (ConfigurableApplicationContext scanner = scanner("results");
                TopicReader small = new TopicReader(brokers, Topics.FILES_SMALL);
                TopicReader inFlight = new TopicReader(brokers, Topics.SCAN_INFLIGHT)) {
            scanner.getBean(Scanner.class).scan("test", false);
            FileDiscovered event = small.await(3, r -> true, Duration.ofSeconds(10)).stream()
                    .map(r -> EventCodec.decode(r.value(), FileDiscovered.class))
                    .filter(e -> e.path().equals(done)).findFirst().orElseThrow();
            publishResult(TransferResult.failed(event, 1, 1, "sink refused"));

            assertThat(inFlight.await(1, r -> r.value() == null && paths.contains(r.key()), Duration.ofSeconds(30)))
                    .extracting(ConsumerRecord::key).containsExactly(done);
        }

        try (ConfigurableApplicationContext restarted = scanner("results")) {
            ScanCompleted scan = restarted.getBean(Scanner.class).scan("test", false).summary();
            assertThat(scan.totalQueued()).isEqualTo(1);
            assertThat(scan.filesDeferred()).isEqualTo(2);
        }
    }

    @Test
    void expiredEntriesAreTombstonedAtStartAndNotRestored() throws Exception {
        List<String> paths = files("expiry", 2);
        try (ConfigurableApplicationContext first = scanner("expiry")) {
            assertThat(first.getBean(Scanner.class).scan("test", false).summary().totalQueued()).isEqualTo(2);
        }
        // Past a one-second timeout, whatever the rounding to whole seconds.
        Thread.sleep(2_100);

        try (TopicReader inFlight = new TopicReader(brokers, Topics.SCAN_INFLIGHT);
                ConfigurableApplicationContext restarted = scanner("expiry", "sync.scan.in-flight-timeout=1s")) {
            assertThat(inFlight.await(2, r -> r.value() == null && paths.contains(r.key()), Duration.ofSeconds(30)))
                    .extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(paths);
            ScanCompleted scan = restarted.getBean(Scanner.class).scan("test", false).summary();
            assertThat(scan.totalQueued()).isEqualTo(2);
            assertThat(scan.filesDeferred()).isZero();
        }
    }

    @Test
    void withRestoreOffARestartQueuesEverythingAgainAndStillEndsEarlierEntries() throws Exception {
        List<String> paths = files("off", 2);
        FileDiscovered earlier;
        try (ConfigurableApplicationContext first = scanner("off");
                TopicReader small = new TopicReader(brokers, Topics.FILES_SMALL)) {
            assertThat(first.getBean(Scanner.class).scan("test", false).summary().totalQueued()).isEqualTo(2);
            earlier = EventCodec.decode(small.await(1, r -> true, Duration.ofSeconds(10)).getFirst().value(),
                    FileDiscovered.class);
        }
        try (ConfigurableApplicationContext restarted = scanner("off", "sync.scan.in-flight-restore=false");
                TopicReader inFlight = new TopicReader(brokers, Topics.SCAN_INFLIGHT)) {
            // The first run's entry, never restored here, still ends with its result.
            publishResult(TransferResult.failed(earlier, 1, 1, "sink refused"));
            assertThat(inFlight.await(1, r -> r.value() == null && paths.contains(r.key()), Duration.ofSeconds(30)))
                    .extracting(ConsumerRecord::key).containsExactly(earlier.path());

            ScanCompleted scan = restarted.getBean(Scanner.class).scan("test", false).summary();
            assertThat(scan.totalQueued()).isEqualTo(2);
            assertThat(scan.filesDeferred()).isZero();
        }
    }

    /** Small files missing at the sink, in a directory of their own on both sides; their paths. */
    private static List<String> files(String dir, int count) throws IOException {
        Files.createDirectories(servers.sinkServer().root().resolve("tree").resolve(dir));
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = dir + "-" + i + ".txt";
            TestFiles.random(servers.sourceServer().root().resolve("tree").resolve(dir).resolve(path), 100 + i,
                    (dir + path).hashCode(), YESTERDAY);
            paths.add(path);
        }
        return paths;
    }

    /** A scanner process on the test's broker and servers, syncing one directory. */
    private ConfigurableApplicationContext scanner(String dir, String... more) {
        List<String> args = new ArrayList<>();
        TestConnections.add((k, v) -> args.add("--" + k + "=" + v.get()), servers, "/tree/" + dir, "/tree/" + dir);
        args.add("--spring.kafka.bootstrap-servers=" + brokers);
        args.add("--sync.scan.cron=-");
        args.add("--sync.scan.min-age=0s");
        Arrays.stream(more).map(p -> "--" + p).forEach(args::add);
        return new SpringApplicationBuilder(ScannerApplication.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    private void publishResult(TransferResult result) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RESULTS, result.path(), EventCodec.encode(result))).get();
        }
    }
}
