package io.sftpsync.scanner.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.kafka.ConsumerDefaults;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileAudited;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.ScannerApplication;
import io.sftpsync.testkit.ApiClient;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The integrity audit on a real broker and two embedded SFTP servers: a sink file overwritten with other bytes of
 * the same length, its mtime put back, looks up to date to the scan; the audit hashes both sides of every such pair,
 * publishes a verdict per pair to {@code sftp.audits} and queues the tampered one for re-sync as CONTENT_DIFFERS.
 */
@SpringBootTest(classes = ScannerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBroker(partitions = 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {

    static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/tree", "/tree");

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Autowired
    SftpPools pools;
    @Autowired
    EventPublisher publisher;
    @Autowired
    KafkaProperties kafka;

    /** Three identical pairs, one tampered at the sink (same length and mtime), one missing at the sink. */
    @BeforeAll
    static void tree() throws IOException {
        for (String p : new String[] {"docs/a.txt", "docs/b.txt", "media/clip.bin"}) {
            identical(p, 3_000);
        }
        identical("docs/tampered.csv", 2_000);
        TestFiles.random(servers.sinkData("docs/tampered.csv"), 2_000, 99, YESTERDAY);
        TestFiles.random(servers.sourceData("docs/new.txt"), 100, 1, YESTERDAY);
    }

    static void identical(String path, long size) throws IOException {
        TestFiles.random(servers.sourceData(path), size, path.hashCode(), YESTERDAY);
        Files.createDirectories(servers.sinkData(path).getParent());
        Files.copy(servers.sourceData(path), servers.sinkData(path));
        Files.setLastModifiedTime(servers.sinkData(path), FileTime.from(YESTERDAY));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/tree", "/tree");
        r.add("sync.thresholds.small", () -> "1KB");
        r.add("sync.thresholds.large", () -> "4KB");
        r.add("sync.thresholds.max", () -> "16KB");
        r.add("sync.scan.cron", () -> "-");
        r.add("sync.scan.min-age", () -> "0s");
        r.add("sync.scan.audit.max-rate", () -> "1MB");
        r.add("sync.security.users[0].username", () -> "vera");
        r.add("sync.security.users[0].password", () -> "{noop}viewer-pw");
        r.add("sync.security.users[0].roles", () -> "viewer");
        r.add("sync.security.users[1].username", () -> "otto");
        r.add("sync.security.users[1].password", () -> "{noop}operator-pw");
        r.add("sync.security.users[1].roles", () -> "operator");
    }

    @Test
    @Order(1)
    void anOperatorsAuditReportsEveryIdenticalLookingPairAndQueuesTheTamperedOne() throws Exception {
        ApiClient api = new ApiClient(port, null, null);
        assertThat(api.as("vera", "viewer-pw").post("/api/scans/audit", null).statusCode()).isEqualTo(403);
        assertThat(api.as("vera", "viewer-pw").get("/api/scans/audit/latest").statusCode()).isEqualTo(404);

        try (TopicReader audits = new TopicReader(brokers, Topics.AUDITS);
                TopicReader medium = new TopicReader(brokers, Topics.FILES_MEDIUM)) {
            var started = api.as("otto", "operator-pw").post("/api/scans/audit", null);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String auditId = started.body().replaceAll(".*\"auditId\":\"([0-9a-f-]+)\".*", "$1");
            UUID.fromString(auditId);

            Map<String, FileAudited> verdicts = audits.await(4, r -> true, Duration.ofSeconds(60)).stream()
                    .collect(Collectors.toMap(ConsumerRecord::key, r -> EventCodec.decode(r.value(), FileAudited.class)));
            assertThat(verdicts).containsOnlyKeys("docs/a.txt", "docs/b.txt", "media/clip.bin", "docs/tampered.csv");
            assertThat(verdicts.values()).allSatisfy(v -> assertThat(v.auditId()).hasToString(auditId));
            FileAudited tampered = verdicts.get("docs/tampered.csv");
            assertThat(tampered.matched()).isFalse();
            assertThat(tampered.sourceSha256()).isEqualTo(TestFiles.sha256(servers.sourceData("docs/tampered.csv")));
            assertThat(tampered.sinkSha256()).isEqualTo(TestFiles.sha256(servers.sinkData("docs/tampered.csv")));
            assertThat(tampered.size()).isEqualTo(2_000);
            assertThat(tampered.sourceMtime()).isEqualTo(YESTERDAY);
            assertThat(verdicts.get("docs/a.txt").matched()).isTrue();
            assertThat(verdicts.get("media/clip.bin").matched()).isTrue();

            var queued = medium.await(1, r -> true, Duration.ofSeconds(10));
            assertThat(queued).hasSize(1);
            assertThat(queued.getFirst().key()).isEqualTo("docs/tampered.csv");
            FileDiscovered resync = EventCodec.decode(queued.getFirst().value(), FileDiscovered.class);
            assertThat(resync.reason()).isEqualTo(SyncReason.CONTENT_DIFFERS);
            assertThat(resync.sizeClass()).isEqualTo(SizeClass.MEDIUM);
            assertThat(resync.scanId()).hasToString(auditId);
            assertThat(resync.sinkSize()).isEqualTo(2_000);
            assertThat(resync.sinkMtime()).isEqualTo(YESTERDAY);

            String report = awaitFinished(api.as("vera", "viewer-pw"), auditId);
            assertThat(report).contains("\"candidates\":4", "\"audited\":4", "\"mismatched\":1", "\"errors\":[]",
                    "\"bytesRead\":" + 2 * 11_000);
        }
        try (TopicReader small = TopicReader.fromBeginning(brokers, Topics.FILES_SMALL)) {
            assertThat(small.drain(Duration.ofMillis(500))).as("docs/new.txt is the scan's, not the audit's").isEmpty();
        }
    }

    @Test
    @Order(2)
    void aSampleOfOneAuditsThePairNeverAuditedBeforeThoseAuditedAlready() throws Exception {
        identical("zz/late.txt", 500);
        AuditSettings one = new AuditSettings(new io.sftpsync.scanner.scan.ScanFilter(java.util.List.of(),
                java.util.List.of(), Duration.ZERO), new io.sftpsync.core.diff.SyncDecision(Duration.ofSeconds(1)),
                new io.sftpsync.core.topics.SizeRouter(new io.sftpsync.core.topics.Thresholds(1024, 4096, 16384)),
                false, io.sftpsync.core.listing.ListingMemory.defaults(), 1);
        Auditor sampler = new Auditor(pools::source, pools::sink, publisher,
                new AuditHistory(ConsumerDefaults.of(kafka)), one, 1 << 20, Runnable::run, Clock.systemUTC());

        try (TopicReader audits = new TopicReader(brokers, Topics.AUDITS)) {
            AuditReport report = sampler.run("test");

            assertThat(report.candidates()).isEqualTo(5);
            assertThat(report.audited()).isEqualTo(1);
            assertThat(audits.drain(Duration.ofMillis(500))).extracting(ConsumerRecord::key)
                    .containsExactly("zz/late.txt");

            // Now every pair has been audited once: the next sample of one takes one of the first audit's.
            AuditReport next = sampler.run("test");
            assertThat(next.audited()).isEqualTo(1);
            var both = audits.drain(Duration.ofMillis(500));
            assertThat(both).hasSize(2);
            assertThat(both.get(1).key()).isIn("docs/a.txt", "docs/b.txt", "media/clip.bin", "docs/tampered.csv");
        }
    }

    private static String awaitFinished(ApiClient api, String auditId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            var latest = api.get("/api/scans/audit/latest");
            body = latest.body();
            if (latest.statusCode() == 200 && body.contains(auditId) && !body.contains("\"finishedAt\":null")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("audit " + auditId + " did not finish: " + body);
    }
}
