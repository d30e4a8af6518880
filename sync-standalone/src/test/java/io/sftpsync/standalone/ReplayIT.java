package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.replay.ReplayHeaders;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.standalone.replay.ReplayCommand;
import io.sftpsync.testkit.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replay for reprocessing, on the whole pipeline (real in-process broker, two embedded SFTP servers, every service):
 * ranges of results replayed into scratch topics, discoveries replayed to their topic (SKIPPED when in step, copied
 * again when the sink lost the file), a dead letter replayed to its original topic, consumer group offsets moved,
 * the API's refusals and security, and the {@code ./sftp-sync replay} command's exit codes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT extends StandaloneContext {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FILES = 12;
    /** This class's directory below both base paths. */
    private static final String TREE = "replay";
    private static final String PREFIX = TREE + "/";

    @TempDir
    static Path dir;

    /** The first sync's records, as the broker holds them. */
    static List<ConsumerRecord<String, byte[]>> results = List.of();
    static List<ConsumerRecord<String, byte[]>> discoveries = List.of();

    @BeforeAll
    static void servers() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < FILES; i++) {
            TreeFixture.write(sourceDir(TREE), (i % 2 == 0 ? "a" : "b") + "/f" + i + ".bin",
                    500 + random.nextInt(4_000), TreeFixture.YESTERDAY, random);
        }
    }

    @Test
    @Order(0)
    void anonymousIsRefused401AndAViewer403() throws Exception {
        Map<String, Object> body = Map.of("topic", Topics.RESULTS, "target", "replay.never", "dryRun", true);
        for (String path : List.of("/api/replay", "/api/replay/offsets")) {
            assertThat(post(path, null, null, body).statusCode()).as(path).isEqualTo(401);
            HttpResponse<String> viewer = post(path, "watcher", "watcher-password", body);
            assertThat(viewer.statusCode()).as(path).isEqualTo(403);
            assertThat(viewer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
    }

    @Test
    @Order(1)
    void theFirstSyncCopiesEveryFile() throws Exception {
        try (TopicReader resultReader = new TopicReader(brokers, Topics.RESULTS);
                TopicReader smallReader = new TopicReader(brokers, Topics.FILES_SMALL)) {
            ScanReport report = scan(TREE, false);
            assertThat(report.summary().totalQueued()).isEqualTo(FILES);
            results = resultReader.await(FILES, ReplayIT::ours, Duration.ofSeconds(60));
            discoveries = smallReader.await(FILES, ReplayIT::ours, Duration.ofSeconds(10));
        }
        assertThat(decode(results)).hasSize(FILES)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(TransferStatus.SUCCEEDED));
        assertThat(discoveries).hasSize(FILES);
        assertThat(TreeFixture.snapshot(sinkDir(TREE))).isEqualTo(TreeFixture.snapshot(sourceDir(TREE)));
    }

    @Test
    @Order(2)
    void aRangeOfResultsByOffsetsReplayedIntoAScratchTopicArrivesExactly() throws Exception {
        JsonNode answer = ok(post("/api/replay", "ops", "ops-password", Map.of("topic", Topics.RESULTS,
                "from", bounds(results, false), "to", bounds(results, true), "target", "replay.by-offsets",
                "limit", 3)));
        assertThat(answer.path("count").asLong()).isEqualTo(FILES);
        assertThat(answer.path("published").asLong()).isEqualTo(FILES);
        assertThat(answer.path("dryRun").asBoolean()).isFalse();
        assertThat(answer.path("sample")).hasSize(3);
        assertArrivedExactly("replay.by-offsets", results);
    }

    @Test
    @Order(3)
    void aRangeOfResultsByTimestampsWithAGlobReplaysOnlyTheMatchingPaths() throws Exception {
        Instant first = Instant.ofEpochMilli(results.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow());
        Instant last = Instant.ofEpochMilli(results.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow());
        List<ConsumerRecord<String, byte[]>> inA = results.stream().filter(r -> r.key().startsWith(PREFIX + "a/"))
                .toList();
        assertThat(inA).hasSize(FILES / 2);
        JsonNode answer = ok(post("/api/replay", "ops", "ops-password", Map.of("topic", Topics.RESULTS,
                "from", first.toString(), "to", last.toString(), "pathGlob", PREFIX + "a/**", "target", "replay.by-time")));
        assertThat(answer.path("count").asLong()).isEqualTo(FILES / 2);
        assertThat(answer.path("published").asLong()).isEqualTo(FILES / 2);
        assertArrivedExactly("replay.by-time", inA);
    }

    @Test
    @Order(4)
    void aDryRunCountsAndShowsTheFirstRecordsAndPublishesNothing() throws Exception {
        JsonNode answer = ok(post("/api/replay", "ops", "ops-password", Map.of("topic", Topics.RESULTS,
                "from", bounds(results, false), "to", bounds(results, true), "target", "replay.by-offsets",
                "dryRun", true, "limit", 2)));
        assertThat(answer.path("count").asLong()).isEqualTo(FILES);
        assertThat(answer.path("published").asLong()).isZero();
        assertThat(answer.path("sample")).hasSize(2);
        JsonNode s = answer.path("sample").get(0);
        ConsumerRecord<String, byte[]> original = results.stream()
                .filter(r -> r.partition() == s.path("partition").asInt() && r.offset() == s.path("offset").asLong())
                .findFirst().orElseThrow();
        assertThat(s.path("topic").asString()).isEqualTo(Topics.RESULTS);
        assertThat(s.path("key").asString()).isEqualTo(original.key());
        assertThat(Instant.parse(s.path("timestamp").asString())).isEqualTo(Instant.ofEpochMilli(original.timestamp()));
        try (TopicReader scratch = TopicReader.fromBeginning(brokers, "replay.by-offsets")) {
            assertThat(scratch.drain(Duration.ofSeconds(2))).hasSize(FILES);
        }
    }

    @Test
    @Order(5)
    void replayingSyncedDiscoveriesYieldsSkippedAndAfterASinkFileIsDeletedItsReplayCopiesItAgain() throws Exception {
        try (TopicReader resultReader = new TopicReader(brokers, Topics.RESULTS)) {
            JsonNode answer = ok(post("/api/replay", "ops", "ops-password", Map.of("topic", Topics.FILES_SMALL,
                    "from", bounds(discoveries, false), "to", bounds(discoveries, true),
                    "target", Topics.FILES_SMALL)));
            assertThat(answer.path("published").asLong()).isEqualTo(FILES);
            List<TransferResult> again = decode(resultReader.await(FILES, ReplayIT::ours, Duration.ofSeconds(60)));
            assertThat(again).hasSize(FILES).allSatisfy(r -> assertThat(r.status()).isEqualTo(TransferStatus.SKIPPED));
        }
        Path lost = sinkDir(TREE).resolve("b/f3.bin");
        Files.delete(lost);
        try (TopicReader resultReader = new TopicReader(brokers, Topics.RESULTS)) {
            JsonNode answer = ok(post("/api/replay", "ops", "ops-password", Map.of("topic", Topics.FILES_SMALL,
                    "from", bounds(discoveries, false), "to", bounds(discoveries, true),
                    "pathGlob", PREFIX + "b/f3.bin",
                    "target", Topics.FILES_SMALL)));
            assertThat(answer.path("count").asLong()).isOne();
            TransferResult r = decode(resultReader.await(1, ReplayIT::ours, Duration.ofSeconds(60))).get(0);
            assertThat(r.path()).isEqualTo(PREFIX + "b/f3.bin");
            assertThat(r.status()).isEqualTo(TransferStatus.SUCCEEDED);
        }
        assertThat(Files.readAllBytes(lost)).isEqualTo(Files.readAllBytes(sourceDir(TREE).resolve("b/f3.bin")));
    }

    @Test
    @Order(6)
    void aDeadLetterReplayedIntoItsOriginalTopicIsProcessed() throws Exception {
        TreeFixture.write(sourceDir(TREE), "dlt/retry.bin", 2_345, TreeFixture.YESTERDAY,
                new SplittableRandom(5));
        // The discovery as the scanner makes it, dead-lettered as when the sink failed for two minutes.
        FileDiscovered discovery = scan(TREE, true).planned().stream()
                .filter(d -> d.path().equals(PREFIX + "dlt/retry.bin")).findFirst().orElseThrow();
        RecordMetadata dead;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.deadLetter(Topics.FILES_SMALL),
                    discovery.path(), EventCodec.encode(discovery));
            record.headers().add("kafka_dlt-exception-message", "sink unreachable".getBytes(StandardCharsets.UTF_8));
            dead = producer.send(record).get();
        }
        try (TopicReader resultReader = new TopicReader(brokers, Topics.RESULTS)) {
            Map<String, Long> at = Map.of(String.valueOf(dead.partition()), dead.offset());
            JsonNode answer = ok(post("/api/replay", "ops", "ops-password", Map.of(
                    "topic", Topics.deadLetter(Topics.FILES_SMALL), "from", at, "to", at)));
            assertThat(answer.path("target").asString()).isEqualTo(Topics.FILES_SMALL);
            assertThat(answer.path("published").asLong()).isOne();
            TransferResult r = decode(resultReader.await(1, ReplayIT::ours, Duration.ofSeconds(60))).get(0);
            assertThat(r.path()).isEqualTo(PREFIX + "dlt/retry.bin");
            assertThat(r.status()).isEqualTo(TransferStatus.SUCCEEDED);
        }
        assertThat(Files.readAllBytes(sinkDir(TREE).resolve("dlt/retry.bin")))
                .isEqualTo(Files.readAllBytes(sourceDir(TREE).resolve("dlt/retry.bin")));
    }

    @Test
    @Order(7)
    void anOffsetResetOfAGroupWithMembersIsRefused() throws Exception {
        HttpResponse<String> refused = post("/api/replay/offsets", "ops", "ops-password", Map.of(
                "group", "transfer-files", "topic", Topics.FILES_SMALL, "timestamp", Instant.EPOCH.toString()));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(refused.body()).path("detail").asString())
                .matches("group transfer-files has \\d+ active members?; stop them first");
    }

    @Test
    @Order(8)
    void anOffsetResetOfAStoppedGroupMovesItsOffsetsToTheTimestamp() throws Exception {
        String group = "replay-it-stopped";
        Map<TopicPartition, Long> end;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", brokers,
                "group.id", group, "enable.auto.commit", false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS).stream()
                    .map(p -> new TopicPartition(Topics.RESULTS, p.partition())).toList();
            end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            end.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
            consumer.commitSync(commit);
        }
        // Just after the first sync's results: each partition goes back to its first later result (those of the
        // replays above), or stays at its end where it has none.
        Instant first = Instant.ofEpochMilli(results.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow()
                + 1);
        Map<TopicPartition, Long> expected = new HashMap<>(end);
        try (TopicReader all = TopicReader.fromBeginning(brokers, Topics.RESULTS)) {
            all.drain(Duration.ofSeconds(2)).stream().filter(r -> r.timestamp() >= first.toEpochMilli())
                    .forEach(r -> expected.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min));
        }
        assertThat(expected).isNotEqualTo(end);

        JsonNode dry = ok(post("/api/replay/offsets", "ops", "ops-password", Map.of("group", group,
                "timestamp", first.toString(), "dryRun", true)));
        assertThat(dry.path("partitions")).hasSize(end.size());
        assertThat(committed(group)).isEqualTo(end);

        JsonNode moved = ok(post("/api/replay/offsets", "ops", "ops-password", Map.of("group", group,
                "timestamp", first.toString())));
        assertThat(moved.path("dryRun").asBoolean()).isFalse();
        assertThat(committed(group)).isEqualTo(expected);
        for (JsonNode p : moved.path("partitions")) {
            TopicPartition tp = new TopicPartition(p.path("topic").asString(), p.path("partition").asInt());
            assertThat(p.path("from").asLong()).isEqualTo(end.get(tp));
            assertThat(p.path("to").asLong()).isEqualTo(expected.get(tp));
        }
    }

    @Test
    @Order(9)
    void badRequestsAreRefusedWithTheFieldNamed() throws Exception {
        Instant now = Instant.now();
        Map<Map<String, Object>, String> cases = new LinkedHashMap<>();
        cases.put(Map.of("topic", "payroll.events", "target", "replay.x"), "topic");
        cases.put(Map.of("topic", Topics.RESULTS, "target", "payroll.events"), "target");
        cases.put(Map.of("topic", Topics.RESULTS), "target");
        cases.put(Map.of("topic", Topics.RESULTS, "target", Topics.SCAN_INFLIGHT), "target");
        cases.put(Map.of("topic", Topics.RESULTS, "target", "replay.x", "from", now.toString(),
                "to", now.minusSeconds(60).toString()), "from");
        cases.put(Map.of("topic", Topics.RESULTS, "target", "replay.x", "from", Map.of("0", 9), "to",
                Map.of("0", 3)), "from");
        cases.put(Map.of("topic", Topics.RESULTS, "target", "replay.x", "from", "yesterday"), "from");
        cases.put(Map.of("topic", Topics.RESULTS, "target", "replay.x", "from", Map.of("99", 0)), "from");
        cases.put(Map.of("topic", Topics.RESULTS, "target", "replay.x", "pathGlob", "a/[b"), "pathGlob");
        cases.put(Map.of("topic", Topics.RESULTS, "target", "replay.x", "limit", 1000), "limit");
        cases.put(Map.of("topic", Topics.deadLetter(Topics.APPROVALS) + "x", "target", "replay.x"), "topic");
        for (var c : cases.entrySet()) {
            HttpResponse<String> response = post("/api/replay", "ops", "ops-password", c.getKey());
            assertThat(response.statusCode()).as(c.getKey().toString()).isEqualTo(400);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("field").asString()).as(response.body()).isEqualTo(c.getValue());
            assertThat(problem.path("detail").asString()).startsWith(c.getValue() + " ");
        }
        HttpResponse<String> noTimestamp = post("/api/replay/offsets", "ops", "ops-password",
                Map.of("group", "replay-it-stopped"));
        assertThat(noTimestamp.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noTimestamp.body()).path("field").asString()).isEqualTo("timestamp");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            assertThat(admin.listTopics().names().get()).as("a refused replay creates no scratch topic")
                    .doesNotContain("replay.x").contains("replay.by-offsets");
        }
    }

    @Test
    @Order(10)
    void theCommandExitsZeroWhenDoneOneWhenRefusedTwoWhenUnauthorisedOrUnreachable() throws Exception {
        String url = "http://127.0.0.1:" + httpPort;
        Map<String, String> env = Map.of("SFTP_SYNC_PASSWORD", "ops-password");

        Run done = cli(env, "--url", url, "--user", "ops", "--topic", Topics.RESULTS, "--target", "replay.cli",
                "--from", offsets(results, false), "--to", offsets(results, true), "--dry-run");
        assertThat(done.code()).as(done.err()).isZero();
        assertThat(done.out()).contains("dry run: " + FILES + " records of " + Topics.RESULTS
                + " would be replayed to replay.cli");

        Path passwordFile = Files.writeString(dir.resolve("pw"), "ops-password\n");
        Run published = cli(Map.of(), "--url", url, "--user", "ops", "--password-file", passwordFile.toString(),
                "--topic", Topics.RESULTS, "--target", "replay.cli", "--from", offsets(results, false),
                "--to", offsets(results, true), "--glob", PREFIX + "b/*");
        assertThat(published.code()).as(published.err()).isZero();
        assertThat(published.out()).contains("replayed " + FILES / 2 + " records").contains(FILES / 2 + " published");
        try (TopicReader scratch = TopicReader.fromBeginning(brokers, "replay.cli")) {
            assertThat(scratch.drain(Duration.ofSeconds(2))).hasSize(FILES / 2)
                    .allSatisfy(r -> assertThat(r.key()).startsWith(PREFIX + "b/"));
        }

        Run refused = cli(env, "--url", url, "--user", "ops", "--topic", "payroll.events", "--target", "replay.cli");
        assertThat(refused.code()).isOne();
        assertThat(refused.err()).contains("400").contains("is not a topic of sftp-sync");

        Run active = cli(env, "offsets", "--url", url, "--user", "ops", "--group", "transfer-files",
                "--timestamp", "2026-01-01T00:00:00Z");
        assertThat(active.code()).isOne();
        assertThat(active.err()).contains("409").contains("active member").contains("stop them first");

        Run wrongPassword = cli(Map.of("SFTP_SYNC_PASSWORD", "nope"), "--url", url, "--user", "ops",
                "--topic", Topics.RESULTS, "--target", "replay.cli", "--dry-run");
        assertThat(wrongPassword.code()).isEqualTo(2);
        assertThat(wrongPassword.err()).contains("401");

        Run viewer = cli(Map.of("SFTP_SYNC_PASSWORD", "watcher-password"), "--url", url, "--user", "watcher",
                "--topic", Topics.RESULTS, "--target", "replay.cli", "--dry-run");
        assertThat(viewer.code()).isEqualTo(2);
        assertThat(viewer.err()).contains("403");

        Run unreachable = cli(env, "--url", "http://127.0.0.1:1", "--user", "ops", "--topic", Topics.RESULTS,
                "--target", "replay.cli");
        assertThat(unreachable.code()).isEqualTo(2);
        assertThat(unreachable.err()).contains("cannot reach http://127.0.0.1:1");

        Run noPassword = cli(Map.of(), "--url", url, "--topic", Topics.RESULTS);
        assertThat(noPassword.code()).isOne();
        assertThat(noPassword.err()).contains("SFTP_SYNC_PASSWORD");
    }

    record Run(int code, String out, String err) {
    }

    private static Run cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReplayCommand.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The replayed records: the same keys and values, headers naming each one's origin and the operator. */
    private void assertArrivedExactly(String scratch, List<ConsumerRecord<String, byte[]>> originals) {
        List<ConsumerRecord<String, byte[]>> arrived;
        try (TopicReader reader = TopicReader.fromBeginning(brokers, scratch)) {
            arrived = reader.drain(Duration.ofSeconds(3));
        }
        assertThat(arrived).hasSize(originals.size());
        Map<String, ConsumerRecord<String, byte[]>> byOrigin = new HashMap<>();
        originals.forEach(r -> byOrigin.put(r.topic() + "/" + r.partition() + "/" + r.offset(), r));
        for (ConsumerRecord<String, byte[]> r : arrived) {
            String origin = header(r, ReplayHeaders.ORIGIN_TOPIC) + "/" + header(r, ReplayHeaders.ORIGIN_PARTITION)
                    + "/" + header(r, ReplayHeaders.ORIGIN_OFFSET);
            ConsumerRecord<String, byte[]> original = byOrigin.remove(origin);
            assertThat(original).as(origin).isNotNull();
            assertThat(r.key()).isEqualTo(original.key());
            assertThat(r.value()).isEqualTo(original.value());
            assertThat(header(r, ReplayHeaders.REPLAYED_BY)).isEqualTo("ops");
        }
        assertThat(byOrigin).isEmpty();
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The first (or last) offset per partition of the records, as the API's {"partition": offset}. */
    private static Map<String, Long> bounds(List<ConsumerRecord<String, byte[]>> records, boolean last) {
        Map<String, Long> out = new TreeMap<>();
        Comparator<Long> order = last ? Comparator.naturalOrder() : Comparator.reverseOrder();
        records.forEach(r -> out.merge(String.valueOf(r.partition()), r.offset(),
                (a, b) -> order.compare(a, b) >= 0 ? a : b));
        return out;
    }

    /** The same as the command's {@code 0=12,1=40}. */
    private static String offsets(List<ConsumerRecord<String, byte[]>> records, boolean last) {
        List<String> pairs = new ArrayList<>();
        bounds(records, last).forEach((p, o) -> pairs.add(p + "=" + o));
        return String.join(",", pairs);
    }

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, o) -> out.put(tp, o.offset()));
            return out;
        }
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String user, String password, Map<String, ?> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("X-Requested-By", "test").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A record of this class's files: the shared context's earlier classes published theirs on the same topics. */
    private static boolean ours(ConsumerRecord<String, byte[]> record) {
        return record.key() != null && record.key().startsWith(PREFIX);
    }

    private static List<TransferResult> decode(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> EventCodec.decode(r.value(), TransferResult.class)).toList();
    }
}
