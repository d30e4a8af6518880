package io.sftpsync.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.ScanRequested;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sftpsync.boot.config.ClockSkewProperties;
import io.sftpsync.boot.config.ThresholdProperties;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.topics.SizeRouter;
import io.sftpsync.scanner.scan.InFlightJournal;
import io.sftpsync.scanner.scan.InFlightRegistry;
import io.sftpsync.scanner.scan.ScanFilter;
import io.sftpsync.scanner.scan.ScanMetrics;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.scanner.scan.ScanSettings;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.manifest.SinkManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scanner application on a real in-process broker and two embedded SFTP servers: what a scan of a small
 * tree puts on the topics, one FileDiscovered per file to copy on its class's topic and one ScanCompleted.
 */
@SpringBootTest(classes = ScannerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedBroker(partitions = 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScannerIT {

    static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    /** What the sink's statvfs@openssh.com answers: 3 GiB free (whole 4 KiB blocks, as the server counts). */
    static final long SINK_FREE = 3L << 30;

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/tree", "/tree")
            .sinkOptions(b -> b.freeSpace(SINK_FREE));
    static InProcessSftpServer source;
    static InProcessSftpServer sink;

    @Autowired
    Scanner scanner;
    @Autowired
    SftpPools pools;
    @Autowired
    EventPublisher publisher;
    @Autowired
    KafkaTemplate<String, byte[]> raw;
    @Autowired
    ScanProperties properties;
    @Autowired
    ThresholdProperties thresholds;
    @Autowired
    ClockSkewProperties clockSkew;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final Map<String, TopicReader> files = new LinkedHashMap<>();
    TopicReader scans;

    /** Thresholds are 1 KB, 4 KB and 16 KB: one file to copy per class, two small ones, one up to date. */
    @BeforeAll
    static void servers() throws IOException {
        source = servers.sourceServer();
        sink = servers.sinkServer();
        write(source, "docs/new.txt", 100, YESTERDAY);
        write(source, "docs/changed.txt", 200, YESTERDAY);
        write(sink, "docs/changed.txt", 200, YESTERDAY.minusSeconds(3600));
        write(source, "docs/same.txt", 300, YESTERDAY);
        write(sink, "docs/same.txt", 300, YESTERDAY);
        write(source, "media/clip.bin", 2_000, YESTERDAY);
        write(source, "media/film.bin", 8_000, YESTERDAY);
        write(source, "media/huge.bin", 20_000, YESTERDAY);
    }

    static void write(InProcessSftpServer server, String path, long size, Instant mtime) throws IOException {
        TestFiles.random(server.root().resolve("tree").resolve(path), size, path.hashCode(), mtime);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/tree", "/tree");
        r.add("sync.thresholds.small", () -> "1KB");
        r.add("sync.thresholds.large", () -> "4KB");
        r.add("sync.thresholds.max", () -> "16KB");
        r.add("sync.scan.cron", () -> "-");
        r.add("sync.scan.min-age", () -> "0s");
    }

    @BeforeEach
    void readers() {
        Topics.fileTopics().forEach(t -> files.put(t, new TopicReader(brokers, t)));
        scans = new TopicReader(brokers, Topics.SCANS);
    }

    @AfterEach
    void closeReaders() {
        files.values().forEach(TopicReader::close);
        scans.close();
    }

    @Test
    @Order(0)
    void aDryRunReportsThePlanAndPublishesNothing() {
        ScanReport report = scanner.scan("test", true);

        assertThat(report.planned()).extracting(FileDiscovered::path).containsExactly("docs/changed.txt",
                "docs/new.txt", "media/clip.bin", "media/film.bin", "media/huge.bin");
        assertThat(report.summary().dryRun()).isTrue();
        assertThat(report.summary().sinkFreeBytes()).as("a dry run does not ask").isNull();
        assertThat(fileEvents()).isEmpty();
        assertThat(scans.drain(Duration.ofMillis(500))).isEmpty();
    }

    @Test
    @Order(1)
    void publishesOneEventPerFileToCopyOnItsClassTopicKeyedByPathAndASummary() {
        ScanReport report = scanner.scan("test", false);

        ScanCompleted summary = summary();
        assertThat(summary).isEqualTo(report.summary());
        assertThat(summary.filesSeen()).isEqualTo(6);
        assertThat(summary.filesQueued()).isEqualTo(Map.of(SizeClass.SMALL, 2L, SizeClass.MEDIUM, 1L,
                SizeClass.LARGE, 1L, SizeClass.OVERSIZED, 1L));
        assertThat(summary.bytesQueued()).isEqualTo(Map.of(SizeClass.SMALL, 300L, SizeClass.MEDIUM, 2_000L,
                SizeClass.LARGE, 8_000L, SizeClass.OVERSIZED, 20_000L));
        assertThat(summary.filesUpToDate()).isEqualTo(1);
        assertThat(summary.filesDeferred()).isZero();
        assertThat(summary.errors()).isEmpty();
        assertThat(summary.dryRun()).isFalse();
        assertThat(summary.trigger()).isEqualTo("test");
        // From the sink's statvfs@openssh.com at the base path, for RESOURCE_IMPACT.
        assertThat(summary.sinkFreeBytes()).isEqualTo(SINK_FREE);

        // The summary goes out once every file event is acknowledged, so the file topics are complete now.
        Map<String, List<ConsumerRecord<String, byte[]>>> events = fileEvents();
        assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(Topics.fileTopics());
        assertThat(events.get(Topics.FILES_SMALL)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("docs/changed.txt", "docs/new.txt");
        assertThat(events.get(Topics.FILES_MEDIUM)).extracting(ConsumerRecord::key).containsExactly("media/clip.bin");
        assertThat(events.get(Topics.FILES_LARGE)).extracting(ConsumerRecord::key).containsExactly("media/film.bin");
        assertThat(events.get(Topics.FILES_OVERSIZED)).extracting(ConsumerRecord::key)
                .containsExactly("media/huge.bin");

        List<FileDiscovered> decoded = events.values().stream().flatMap(List::stream)
                .map(r -> EventCodec.decode(r.value(), FileDiscovered.class)).toList();
        assertThat(decoded).allSatisfy(e -> assertThat(e.scanId()).isEqualTo(summary.scanId()));
        assertThat(decoded).filteredOn(e -> e.path().equals("docs/changed.txt")).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(SyncReason.NEWER);
            assertThat(e.sinkMtime()).isEqualTo(YESTERDAY.minusSeconds(3600));
        });
        assertThat(decoded).filteredOn(e -> e.path().equals("media/huge.bin")).singleElement()
                .satisfies(e -> assertThat(e.sizeClass()).isEqualTo(SizeClass.OVERSIZED));
    }

    @Test
    @Order(2)
    void aSecondScanDefersWhatIsStillInFlightAndPublishesTheOversizedFileAgain() {
        scanner.scan("test", false);

        ScanCompleted summary = summary();
        // An oversized file waits for a person, not a result: it is not in flight, and the approval service
        // recognises the discovery it has seen before.
        assertThat(summary.filesQueued()).isEqualTo(Map.of(SizeClass.OVERSIZED, 1L));
        assertThat(summary.filesDeferred()).isEqualTo(4);
        assertThat(summary.filesUpToDate()).isEqualTo(1);
        Map<String, List<ConsumerRecord<String, byte[]>>> events = fileEvents();
        assertThat(events.keySet()).containsExactly(Topics.FILES_OVERSIZED);
        assertThat(events.get(Topics.FILES_OVERSIZED)).extracting(ConsumerRecord::key)
                .containsExactly("media/huge.bin");
    }

    /**
     * With the sink's server down, each scan writes one WARN line naming the sink, the cause and the first
     * paths, instead of one per file (a continuous process wrote 15,000 in 30 s), and its ScanCompleted counts
     * every blocked file as an error. When the server is back, the next scan is clean again.
     */
    @Test
    @Order(3)
    void anUnreachableSinkIsOneWarningPerScanAndRecoveryNeedsNothing() throws IOException {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        try {
            sink.stop();
            for (int scan = 1; scan <= 2; scan++) {
                logged.list.clear();
                freshScansReader();

                scanner.scan("test", false);

                ScanCompleted summary = summary();
                assertThat(summary.errors()).hasSize(7).first().asString().startsWith("sink <base path>: ");
                assertThat(summary.errors()).contains("skipped media/huge.bin: its sink directory could not be "
                        + "listed");
                assertThat(summary.sinkFreeBytes()).isNull();
                List<String> warnings = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                        .map(ILoggingEvent::getFormattedMessage).toList();
                assertThat(warnings).as("scan " + scan).singleElement().asString()
                        .contains("sink dst@127.0.0.1:" + sink.port() + "/tree: 1 directory not listed (<base path>: ")
                        .contains("6 source files below not copied: docs/changed.txt, docs/new.txt, docs/same.txt, "
                                + "media/clip.bin, media/film.bin, ...");
            }
        } finally {
            root.detachAppender(logged);
            sink.start();
        }
        freshScansReader();

        scanner.scan("test", false);

        ScanCompleted summary = summary();
        assertThat(summary.errors()).isEmpty();
        assertThat(summary.filesUpToDate()).isEqualTo(1);
    }

    /**
     * An oversized file an approved SPLIT or COMPRESS wrote is at the sink as parts or a .gz and a manifest, never
     * under its own name: the manifest recording its size and mtime makes it up to date (no approval asked again),
     * and a source changed since is queued again.
     */
    @Test
    @Order(4)
    void anOversizedFileWhoseSinkManifestRecordsItsVersionIsNotQueuedUntilTheSourceChanges() throws IOException {
        Path manifest = sink.root().resolve("tree/media/huge.bin.manifest.json");
        Path huge = source.root().resolve("tree/media/huge.bin");
        Files.createDirectories(manifest.getParent());
        Files.write(manifest, SinkManifest.of("media/huge.bin", TransferStrategy.SPLIT, 20_000, YESTERDAY, 8_192L,
                TestFiles.sha256(huge), List.of()).toJson());
        try {
            freshScansReader();
            scanner.scan("test", false);

            ScanCompleted summary = summary();
            assertThat(summary.filesQueued()).doesNotContainKey(SizeClass.OVERSIZED);
            assertThat(summary.filesUpToDate()).isEqualTo(2);
            assertThat(fileEvents()).doesNotContainKey(Topics.FILES_OVERSIZED);

            Files.setLastModifiedTime(huge, FileTime.from(YESTERDAY.plusSeconds(60)));
            freshScansReader();
            scanner.scan("test", false);

            assertThat(summary().filesQueued()).containsEntry(SizeClass.OVERSIZED, 1L);
            assertThat(fileEvents().get(Topics.FILES_OVERSIZED)).extracting(ConsumerRecord::key)
                    .containsExactly("media/huge.bin");
        } finally {
            Files.delete(manifest);
            Files.setLastModifiedTime(huge, FileTime.from(YESTERDAY));
        }
    }

    /**
     * With {@code sync.scan.risk-gate} on, every file that is not oversized goes to {@code sftp.files.screening},
     * keyed by path, for the anomaly service to forward or hold, and none to its class topic; an oversized one goes
     * to the approval service as before. (A second scanner of this context's beans with the setting on, and an
     * in-flight registry of its own, so it queues every file again.)
     */
    @Test
    @Order(5)
    void withTheRiskGateOnDiscoveriesGoToTheScreeningTopicAndTheOversizedOneToApproval() {
        Scanner gated = new Scanner(pools::source, pools::sink, publisher,
                new InFlightRegistry(Duration.ofHours(1), Clock.systemUTC(), InFlightJournal.NONE),
                new ScanSettings(new ScanFilter(List.of(), List.of(), Duration.ZERO), clockSkew.decision(),
                        new SizeRouter(thresholds.toCore()), false, false, properties.staleTemporaryAge(),
                        properties.listingMemory(), true),
                new ScanMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
        try (TopicReader screening = new TopicReader(brokers, Topics.FILES_SCREENING)) {
            freshScansReader();
            gated.scan("test", false);

            assertThat(summary().filesQueued()).isEqualTo(Map.of(SizeClass.SMALL, 2L, SizeClass.MEDIUM, 1L,
                    SizeClass.LARGE, 1L, SizeClass.OVERSIZED, 1L));
            List<ConsumerRecord<String, byte[]>> screened = screening.await(4, r -> true, Duration.ofSeconds(30));
            assertThat(screened).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("docs/changed.txt",
                    "docs/new.txt", "media/clip.bin", "media/film.bin");
            assertThat(screened).allSatisfy(r -> assertThat(EventCodec.decode(r.value(), FileDiscovered.class).path())
                    .isEqualTo(r.key()));
            Map<String, List<ConsumerRecord<String, byte[]>>> events = fileEvents();
            assertThat(events.keySet()).containsExactly(Topics.FILES_OVERSIZED);
            assertThat(events.get(Topics.FILES_OVERSIZED)).extracting(ConsumerRecord::key)
                    .containsExactly("media/huge.bin");
        }
    }

    /**
     * Another system asks over Kafka: a {@code ScanRequested} for a subtree queues that subtree's files only and its
     * {@code ScanCompleted} names the request and the subtree; a dry run's summary answers too, and publishes no
     * file; a request for a subtree that climbs out of the base path goes to the dead-letter topic, scanning nothing.
     */
    @Test
    @Order(6)
    void aScanRequestedOverKafkaScansItsSubtreeAndNamesTheRequest() throws Exception {
        write(source, "requested/in/a.txt", 100, YESTERDAY);
        write(source, "requested/in/deeper/b.txt", 100, YESTERDAY);
        write(source, "requested/in-not/c.txt", 100, YESTERDAY);
        write(source, "requested/out.txt", 100, YESTERDAY);
        freshScansReader();

        ScanRequested dry = ScanRequested.of("requested/in/", true, "erp", Instant.now());
        publisher.publishAndWait(Topics.SCAN_REQUESTS, dry.requestId().toString(), dry);
        ScanCompleted dryRun = summary();
        assertThat(dryRun.requestId()).isEqualTo(dry.requestId());
        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.subtree()).isEqualTo("requested/in");
        assertThat(dryRun.filesQueued()).isEqualTo(Map.of(SizeClass.SMALL, 2L));
        assertThat(fileEvents()).isEmpty();

        freshScansReader();
        ScanRequested request = ScanRequested.of("requested/in", false, "erp", Instant.now());
        publisher.publishAndWait(Topics.SCAN_REQUESTS, request.requestId().toString(), request);
        ScanCompleted done = summary();
        assertThat(done.requestId()).isEqualTo(request.requestId());
        assertThat(done.trigger()).isEqualTo("request");
        assertThat(done.subtree()).isEqualTo("requested/in");
        assertThat(done.filesSeen()).isEqualTo(2);
        assertThat(fileEvents().get(Topics.FILES_SMALL)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("requested/in/a.txt", "requested/in/deeper/b.txt");

        try (TopicReader dlt = new TopicReader(brokers, Topics.deadLetter(Topics.SCAN_REQUESTS))) {
            freshScansReader();
            String hostile = "{\"schemaVersion\":1,\"requestId\":\"" + java.util.UUID.randomUUID()
                    + "\",\"subtree\":\"requested/../../etc\",\"dryRun\":false,\"requester\":\"mallory\","
                    + "\"requestedAt\":\"2026-12-03T10:00:00Z\"}";
            raw.send(Topics.SCAN_REQUESTS, "hostile", hostile.getBytes(StandardCharsets.UTF_8)).get();
            assertThat(dlt.await(1, r -> true, Duration.ofSeconds(30))).singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo("hostile"));
            assertThat(scans.drain(Duration.ofMillis(500))).isEmpty();
        }
    }

    /** The reader keeps what it read: a new one sees only the next scan's summary. */
    private void freshScansReader() {
        scans.close();
        scans = new TopicReader(brokers, Topics.SCANS);
    }

    private ScanCompleted summary() {
        List<ConsumerRecord<String, byte[]>> records = scans.await(1, r -> true, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        return EventCodec.decode(records.getFirst().value(), ScanCompleted.class);
    }

    /** What the file topics received, by topic; topics that received nothing are left out. */
    private Map<String, List<ConsumerRecord<String, byte[]>>> fileEvents() {
        Map<String, List<ConsumerRecord<String, byte[]>>> events = new HashMap<>();
        files.forEach((topic, reader) -> {
            List<ConsumerRecord<String, byte[]>> records = reader.drain(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                events.put(topic, records);
            }
        });
        return events;
    }
}
