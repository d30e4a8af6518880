package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.ScanRequested;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.testkit.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The whole pipeline on a real in-process broker and two embedded SFTP servers: scanner, topics per size
 * class, transfer service, results, dead letters, and a sink that goes away mid-batch. Its files live in
 * {@code pipeline/} below both base paths.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT extends StandaloneContext {

    static final String TREE = "pipeline";
    static final String PREFIX = TREE + "/";

    @BeforeAll
    static void servers() throws IOException {
        seedTree(sourceDir(TREE));
    }

    /** ~300 files in nested directories, every class, names and timestamps a real server holds. */
    static void seedTree(Path root) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 280; i++) {
            String path = "d" + (i % 7) + "/sub " + (i % 3) + "/file-" + i + ".bin";
            int size = i % 20 == 0 ? 9_000 + random.nextInt(50_000) : random.nextInt(8_000);
            TreeFixture.write(root, path, size, TreeFixture.YESTERDAY, random);
        }
        TreeFixture.write(root, "odd/it's \"quoted\" & spaced.txt", 100, TreeFixture.YESTERDAY, random);
        TreeFixture.write(root, "odd/ünïcødé – 文件.txt", 200, TreeFixture.YESTERDAY, random);
        TreeFixture.write(root, "odd/new\nline.txt", 300, TreeFixture.YESTERDAY, random);
        TreeFixture.write(root, "odd/-leading-dash", 10, TreeFixture.YESTERDAY, random);
        TreeFixture.write(root, "odd/empty", 0, TreeFixture.YESTERDAY, random);
        TreeFixture.write(root, "time/very-old.txt", 50, Instant.parse("2001-02-03T04:05:06Z"), random);
        TreeFixture.write(root, "time/future.txt", 60, Instant.parse("2035-06-07T08:09:10Z"), random);
        TreeFixture.write(root, "big/large.bin", 100_000, TreeFixture.YESTERDAY, random);
        TreeFixture.write(root, "big/oversized.bin", 300_000, TreeFixture.YESTERDAY, random);
    }

    @Autowired
    WebServerApplicationContext web;

    @Test
    @Order(0)
    void theHttpPortListensOnLoopbackOnly() {
        Object address = ((TomcatWebServer) web.getWebServer()).getTomcat().getConnector().getProperty("address");
        assertThat(address).hasToString("/127.0.0.1");
    }

    @Test
    @Order(0)
    void theOperatorPageShowsTheApprovalsTabThenTheAnomaliesTab() throws Exception {
        // A browser's login: the form's CSRF token and session cookie, the credentials, then the page.
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(login);
        assertThat(csrf.find()).as(login).isTrue();
        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ops&password=ops-password&_csrf="
                        + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> tabs = java.util.regex.Pattern.compile("id=\"tab-([a-z0-9-]+)\"")
                .matcher(page.body()).results().map(m -> m.group(1)).toList();
        assertThat(tabs).as(page.body()).containsExactly("approvals", "anomalies");
        assertThat(page.body()).contains("src=\"/ui/anomalies.js\"");
    }

    @Test
    @Order(0)
    void aDryRunOverHttpReturnsThePlanAndPublishesNothing() throws Exception {
        try (TopicReader small = new TopicReader(brokers, Topics.FILES_SMALL);
                TopicReader scans = new TopicReader(brokers, Topics.SCANS)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/api/scans?dryRun=true&subtree=" + TREE))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            "ops:ops-password".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .header("X-Requested-By", "test")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"dryRun\":true").contains(PREFIX + "big/oversized.bin")
                    .contains("\"reason\":\"MISSING\"");
            assertThat(small.drain(Duration.ofSeconds(2))).isEmpty();
            assertThat(scans.drain(Duration.ZERO)).isEmpty();
        }
        assertThat(sinkDir(TREE)).doesNotExist();
    }

    @Test
    @Order(1)
    void syncsATreeOfEveryClassByteForByteWithMtimes() throws Exception {
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS);
                TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE);
                TopicReader oversized = new TopicReader(brokers, Topics.FILES_OVERSIZED)) {
            ScanReport report = scan(TREE, false);
            ScanCompleted scan = report.summary();
            assertThat(scan.errors()).isEmpty();
            assertThat(scan.filesQueued()).containsKeys(SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE,
                    SizeClass.OVERSIZED);
            int expected = (int) (scan.filesQueued().get(SizeClass.SMALL) + scan.filesQueued().get(SizeClass.MEDIUM)
                    + scan.filesQueued().get(SizeClass.LARGE));
            assertThat(expected).isEqualTo(288);

            List<TransferResult> got = decode(results.await(expected, PipelineIT::ours, Duration.ofSeconds(90)));
            assertThat(got).hasSize(expected).allSatisfy(r -> assertThat(r.status()).isEqualTo(TransferStatus.SUCCEEDED));
            assertThat(got).allSatisfy(r -> assertThat(r.sha256()).hasSize(64));

            assertThat(got).filteredOn(r -> r.sizeClass() == SizeClass.LARGE).singleElement()
                    .satisfies(r -> assertThat(r.path()).isEqualTo(PREFIX + "big/large.bin"));
            Map<String, String> src = TreeFixture.snapshot(sourceDir(TREE));
            src.remove("big/oversized.bin");
            assertThat(TreeFixture.snapshot(sinkDir(TREE))).isEqualTo(src);

            FileDiscovered largeEvent = EventCodec.decode(large.await(1, PipelineIT::ours, Duration.ofSeconds(10))
                    .get(0).value(), FileDiscovered.class);
            assertThat(largeEvent.path()).isEqualTo(PREFIX + "big/large.bin");
            assertThat(largeEvent.reason()).isEqualTo(SyncReason.MISSING);
            assertThat(oversized.await(1, PipelineIT::ours, Duration.ofSeconds(10)).get(0).key())
                    .isEqualTo(PREFIX + "big/oversized.bin");
        }
    }

    @Test
    @Order(2)
    void secondScanQueuesNothingButTheOversizedFile() {
        ScanCompleted scan = scan(TREE, false).summary();
        assertThat(scan.filesUpToDate()).isEqualTo(288);
        // the oversized file waits for a person, not a result: not in flight, so published again, and the
        // approval service recognises a discovery it has seen
        assertThat(scan.filesQueued()).isEqualTo(Map.of(SizeClass.OVERSIZED, 1L));
        assertThat(scan.filesDeferred()).isZero();
    }

    @Test
    @Order(3)
    void touchingOneFileResyncsOnlyIt() throws Exception {
        Path touched = sourceDir(TREE).resolve("d3/sub 1/file-10.bin");
        Files.write(touched, "changed content".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(touched, FileTime.from(TreeFixture.YESTERDAY.plusSeconds(3600)));
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            ScanReport report = scan(TREE, false);
            // and the oversized file, published again by every scan while it waits for a person
            assertThat(report.planned()).extracting(FileDiscovered::path)
                    .containsExactly(PREFIX + "big/oversized.bin", PREFIX + "d3/sub 1/file-10.bin");
            assertThat(report.planned().get(1).reason()).isEqualTo(SyncReason.NEWER);
            TransferResult r = decode(results.await(1, PipelineIT::ours, Duration.ofSeconds(30))).get(0);
            assertThat(r.status()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(sinkDir(TREE).resolve("d3/sub 1/file-10.bin")).hasContent("changed content");
        }
    }

    @Test
    @Order(4)
    void malformedAndHostileRecordsGoToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        TreeFixture.write(sourceDir(TREE), "late/after-garbage.txt", 123, TreeFixture.YESTERDAY,
                new SplittableRandom(1));
        FileDiscovered hostile = FileDiscovered.of(UUID.randomUUID(), "ok", 1, Instant.now(), null, null,
                SyncReason.MISSING, SizeClass.SMALL, Instant.now());
        String hostileJson = new String(EventCodec.encode(hostile), StandardCharsets.UTF_8)
                .replace("\"path\":\"ok\"", "\"path\":\"../../escape\"");
        try (TopicReader dlt = new TopicReader(brokers, Topics.deadLetter(Topics.FILES_SMALL));
                TopicReader results = new TopicReader(brokers, Topics.RESULTS);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", brokers), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FILES_SMALL, "garbage", "{not json".getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.FILES_SMALL, "hostile", hostileJson.getBytes())).get();
            scan(TREE, false);

            List<ConsumerRecord<String, byte[]>> dead = dlt.await(2, r -> true, Duration.ofSeconds(30));
            assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("garbage", "hostile");
            assertThat(dead).allSatisfy(r -> assertThat(r.headers().lastHeader("kafka_dlt-exception-message"))
                    .isNotNull());
            String reason = new String(dead.stream().filter(r -> r.key().equals("hostile")).findFirst().orElseThrow()
                    .headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8);
            assertThat(reason).contains("..");
            TransferResult after = decode(results.await(1, PipelineIT::ours, Duration.ofSeconds(30))).get(0);
            assertThat(after.path()).isEqualTo(PREFIX + "late/after-garbage.txt");
            assertThat(after.status()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(sink().root().resolve("mirror/escape")).doesNotExist();
            assertThat(dir().resolve("escape")).doesNotExist();
        }
    }

    @Test
    @Order(5)
    void sinkStoppedMidBatchFailsCleanlyAndTheNextRunCompletes() throws Exception {
        int count = 200;
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < count; i++) {
            TreeFixture.write(sourceDir(TREE), "outage/f" + i + ".bin", 7_000, TreeFixture.YESTERDAY,
                    random);
        }
        List<TransferResult> first;
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            scan(TREE, false);
            results.await(3, PipelineIT::ours, Duration.ofSeconds(30));
            sink().stop();
            first = decode(results.await(count, PipelineIT::ours, Duration.ofSeconds(120)));
        } finally {
            sink().start();
        }
        assertThat(first).hasSize(count);
        List<TransferResult> failed = first.stream().filter(r -> r.status() == TransferStatus.FAILED).toList();
        assertThat(failed).isNotEmpty().allSatisfy(r -> assertThat(r.error()).isNotBlank().doesNotContain("dst-secret"));
        // No half file under a real name: every real name at the sink holds the source's bytes. A copy cut
        // off by the outage may leave its hidden temporary, which scans skip.
        Map<String, String> atSink = TreeFixture.snapshot(sinkDir(TREE));
        Map<String, String> src = TreeFixture.snapshot(sourceDir(TREE));
        atSink.forEach((path, digest) -> {
            if (TempNames.isTemporary(RelativePath.name(path))) {
                assertThat(src).doesNotContainKey(path);
            } else {
                assertThat(digest).as(path).isEqualTo(src.get(path));
            }
        });

        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            ScanCompleted scan = scan(TREE, false).summary();
            // A copy renamed into place just before the outage cut its verification is reported FAILED but
            // is already right at the sink: the new scan does not queue it again.
            long requeued = scan.filesQueued().get(SizeClass.SMALL);
            assertThat(requeued).isBetween(1L, (long) failed.size());
            List<TransferResult> retried = decode(results.await((int) requeued, PipelineIT::ours,
                    Duration.ofSeconds(60)));
            assertThat(retried).extracting(TransferResult::status).containsOnly(TransferStatus.SUCCEEDED);
        }
        Map<String, String> outage = TreeFixture.snapshot(sinkDir(TREE).resolve("outage"));
        outage.keySet().removeIf(p -> TempNames.isTemporary(RelativePath.name(p)));
        assertThat(outage).isEqualTo(TreeFixture.snapshot(sourceDir(TREE).resolve("outage")));
    }

    @Test
    @Order(6)
    void aScanRemovesOnlyCopyTemporariesNothingWroteForADay() throws Exception {
        Path dirAtSink = Files.createDirectories(sinkDir(TREE).resolve("leftovers"));
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        Path stale = temporary(dirAtSink, ".cut-off.bin.sftp-sync-0123abcd.tmp", twoDaysAgo);
        Path fresh = temporary(dirAtSink, ".being-written.bin.sftp-sync-89abcdef.tmp", Instant.now());
        Path resumable = temporary(dirAtSink, ".large.bin.sftp-sync-0123456789abcdef0123456789abcdef.tmp",
                twoDaysAgo);

        scan(TREE, true);
        assertThat(stale).as("a dry run removes nothing").exists();

        scan(TREE, false);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(resumable).as("a large transfer's temporary is its janitor's").exists();
    }

    /**
     * Another system asks over Kafka for a sync of one subtree: only that subtree's changed file is copied (the one
     * changed beside it is left for a later scan), and the ScanCompleted names the request.
     */
    @Test
    @Order(7)
    void aScanRequestedOverKafkaSyncsOnlyItsSubtreeAndItsSummaryNamesTheRequest() throws Exception {
        Path inside = sourceDir(TREE).resolve("d1/sub 1/file-1.bin");
        Path outside = sourceDir(TREE).resolve("d2/sub 2/file-2.bin");
        for (Path p : List.of(inside, outside)) {
            Files.write(p, ("requested " + p.getFileName()).getBytes(StandardCharsets.UTF_8));
            Files.setLastModifiedTime(p, FileTime.from(TreeFixture.YESTERDAY.plusSeconds(7200)));
        }
        ScanRequested request = ScanRequested.of(PREFIX + "d1/", false, "pipeline-it", Instant.now());
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS);
                TopicReader scans = new TopicReader(brokers, Topics.SCANS);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", brokers), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SCAN_REQUESTS, request.requestId().toString(),
                    EventCodec.encode(request))).get();

            ScanCompleted answer = EventCodec.decode(scans.await(1, r -> true, Duration.ofSeconds(60)).get(0).value(),
                    ScanCompleted.class);
            assertThat(answer.requestId()).isEqualTo(request.requestId());
            assertThat(answer.subtree()).isEqualTo(PREFIX + "d1");
            assertThat(answer.trigger()).isEqualTo("request");
            assertThat(answer.totalQueued()).isEqualTo(1);
            TransferResult r = decode(results.await(1, PipelineIT::ours, Duration.ofSeconds(30))).get(0);
            assertThat(r.path()).isEqualTo(PREFIX + "d1/sub 1/file-1.bin");
            assertThat(r.status()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(sinkDir(TREE).resolve("d1/sub 1/file-1.bin")).hasContent("requested file-1.bin");
            assertThat(results.drain(Duration.ofSeconds(1))).hasSize(1);
            assertThat(sinkDir(TREE).resolve("d2/sub 2/file-2.bin")).content()
                    .isNotEqualTo("requested file-2.bin");
        }
    }

    /** A record of this class's files: the shared context's earlier classes published theirs on the same topics. */
    private static boolean ours(ConsumerRecord<String, byte[]> record) {
        return record.key() != null && record.key().startsWith(PREFIX);
    }

    /** A temporary last written at {@code time}: its mtime and atime both (a copy sets the atime when it writes). */
    private static Path temporary(Path dir, String name, Instant time) throws IOException {
        Path p = Files.write(dir.resolve(name), new byte[] {1, 2, 3});
        Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class)
                .setTimes(FileTime.from(time), FileTime.from(time), null);
        return p;
    }

    private static List<TransferResult> decode(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> EventCodec.decode(r.value(), TransferResult.class))
                .collect(Collectors.toList());
    }
}
