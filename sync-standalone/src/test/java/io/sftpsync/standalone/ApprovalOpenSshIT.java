package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.Browser;
import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Oversized files through the approval service of the packaged jar, between two real OpenSSH servers, with the
 * size thresholds set low: they wait; approved over the API with SPLIT and COMPRESS they reach the sink as parts
 * with a manifest and as gzip, whose bytes are the source's; a re-scan queues neither again nor asks a second
 * approval; a redelivered approved record copies nothing again. A third one is approved by an operator on the
 * jar's page in headless Chromium, which shows it DONE once its parts and manifest are at the sink.
 */
class ApprovalOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-approval");
    static final Instant MTIME = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String OPERATOR_PASSWORD = UUID.randomUUID().toString();

    @RegisterExtension
    static final Browser browser = new Browser();

    static OpenSshPair servers;
    static boolean scanned;
    static Process sync;
    static Path log;
    static int port;
    static int kafkaPort;

    @BeforeAll
    static void start() throws Exception {
        LocalResources.deleteTree(WORK);
        Files.createDirectories(WORK);
        servers = OpenSshPair.shared().tree("approval");
        SplittableRandom random = new SplittableRandom(41);
        TreeFixture.write(servers.sourceRoot(), "small/a.txt", 5_000, MTIME, random);
        TestFiles.random(servers.sourceRoot().resolve("huge/split.bin"), 5 * 1024 * 1024 + 1234, 42, MTIME);
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 6 * 1024 * 1024; i++) {
            text.append("2026-12-03T06:00:00Z line ").append(i).append(" of a compressible log\n");
        }
        Files.writeString(servers.sourceRoot().resolve("huge/packed.log"), text);
        Files.setLastModifiedTime(servers.sourceRoot().resolve("huge/packed.log"),
                java.nio.file.attribute.FileTime.from(MTIME));
        // About 4.2 MB: two 2 MiB parts and a small third one, approved on the page.
        TestFiles.random(servers.sourceRoot().resolve("huge/paged.bin"), 4_200_000, 43, MTIME);

        port = LocalResources.freePort();
        kafkaPort = LocalResources.freePort();
        List<String> command = StandaloneJar.withPasswords(
                StandaloneJar.command(servers, "continuous", WORK.resolve("data")), servers);
        StandaloneJar.set(command, "--server.port", String.valueOf(port));
        command.addAll(List.of("--sync.scan.cron=-", "--sync.standalone.kafka-port=" + kafkaPort,
                "--sync.thresholds.small=1MB", "--sync.thresholds.large=2MB", "--sync.thresholds.max=3MB",
                "--sync.large.chunk-size=1MB"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true);
        log = WORK.resolve("sync.log");
        builder.redirectOutput(log.toFile());
        // Users from the environment, as an operator would give them (a list binds from one source only).
        Map<String, String> env = builder.environment();
        env.put("SYNC_SECURITY_USERS_0_USERNAME", "olga");
        env.put("SYNC_SECURITY_USERS_0_PASSWORD", "{noop}" + OPERATOR_PASSWORD);
        env.put("SYNC_SECURITY_USERS_0_ROLES", "operator");
        sync = builder.start();
        await(() -> get("/actuator/health").statusCode() == 200, "the service is up");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sync != null) {
            StandaloneJar.stop(sync);
        }
    }

    @Test
    void oversizedFilesWaitAndRunAsApprovedOnceOnly() throws Exception {
        firstScan();
        assertThat(servers.sinkRoot().resolve("huge/split.bin.part0001")).doesNotExist();
        assertThat(servers.sinkRoot().resolve("small/a.txt")).exists();
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(WORK.resolve("data/approval-proof.key")))).isEqualTo("rw-------");

        String split = idOf("huge/split.bin");
        String packed = idOf("huge/packed.log");
        HttpResponse<String> approved = post("/api/approvals/" + split + "/approve",
                "{\"strategy\":\"SPLIT\",\"partSize\":\"2 MiB\",\"comment\":\"end to end\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        HttpResponse<String> compressed = post("/api/approvals/" + packed + "/approve", "{\"strategy\":\"COMPRESS\"}");
        assertThat(compressed.statusCode()).as(compressed.body()).isEqualTo(200);

        await(() -> state(split).equals("DONE") && state(packed).equals("DONE"), "both approvals DONE");
        JsonNode done = approval(split);
        assertThat(done.path("decidedBy").asString()).isEqualTo("olga");
        assertThat(done.path("strategy").asString()).isEqualTo("SPLIT");

        Path sinkDir = servers.sinkRoot().resolve("huge");
        assertThat(parts(sinkDir, "split.bin")).hasSize(3);
        assertThat(TestFiles.sha256(concatenated(parts(sinkDir, "split.bin"))))
                .isEqualTo(TestFiles.sha256(servers.sourceRoot().resolve("huge/split.bin")));
        assertThat(sinkDir.resolve("split.bin.manifest.json")).exists();
        assertThat(sinkDir.resolve("split.bin")).doesNotExist();
        try (InputStream gz = new GZIPInputStream(Files.newInputStream(sinkDir.resolve("packed.log.gz")))) {
            assertThat(TestFiles.sha256(gz)).isEqualTo(TestFiles.sha256(servers.sourceRoot().resolve("huge/packed.log")));
        }
        assertThat(Files.size(sinkDir.resolve("packed.log.gz")))
                .isLessThan(Files.size(servers.sourceRoot().resolve("huge/packed.log")) / 4);

        // huge/paged.bin is the page test's: queued again by every scan until that test approved it.
        boolean pagedDone = "DONE".equals(approvalOf("huge/paged.bin").path("state").asString());
        JsonNode again = scan();
        assertThat(again.path("summary").path("filesQueued").path("OVERSIZED").asLong()).as(again.toString())
                .isEqualTo(pagedDone ? 0 : 1);
        assertThat(list("?path=huge/split.bin").path("total").asLong()).isEqualTo(1);
        assertThat(list("?path=huge/packed.log").path("total").asLong()).isEqualTo(1);

        Map<String, String> before = fingerprints(sinkDir);
        FileDiscovered record = approvedRecord("huge/split.bin");
        try (KafkaConsumer<String, byte[]> results = consumerAtEnd(Topics.RESULTS)) {
            redeliver(record);
            TransferResult second = awaitResult(results, r -> r.causationId().equals(record.eventId()));
            assertThat(second.status()).as(second.toString()).isEqualTo(TransferStatus.SKIPPED);
        }
        assertThat(filtered(fingerprints(sinkDir))).isEqualTo(filtered(before));
        assertThat(list("?path=huge/split.bin").path("total").asLong()).isEqualTo(1);
        assertThat(list("?path=huge/packed.log").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void anOperatorApprovesSplitOnThePageAndSeesItDone() throws Exception {
        firstScan();
        String id = idOf("huge/paged.bin");
        browser.open("http://127.0.0.1:" + port + "/");
        browser.waitUntil(ExpectedConditions.urlContains("/login"));
        browser.find(By.id("username"));
        browser.type("olga", Keys.TAB, OPERATOR_PASSWORD, Keys.ENTER);
        // The standalone's page may have other tabs: pick this one.
        browser.find(By.id("tab-approvals")).click();

        WebElement row = browser.find(By.cssSelector("#approvals-pending tr[data-approval-id='" + id + "']"));
        assertThat(row.findElement(By.cssSelector(".path")).getText()).isEqualTo("huge/paged.bin");
        new Select(row.findElement(By.name("strategy"))).selectByValue("SPLIT");
        WebElement partSize = browser.find(By.id("part-size-" + id));
        partSize.click();
        browser.type("2 MiB", Keys.ENTER);

        By decided = By.cssSelector("#approvals-decided tr[data-approval-id='" + id + "'] [data-state]");
        new WebDriverWait(browser.driver(), Duration.ofMinutes(3)).until(
                d -> "DONE".equals(d.findElement(decided).getAttribute("data-state")));
        WebElement done = browser.driver().findElement(By.cssSelector(
                "#approvals-decided tr[data-approval-id='" + id + "']"));
        assertThat(done.findElement(By.cssSelector(".strategy")).getText()).isEqualTo("SPLIT (2.0 MiB parts)");
        assertThat(done.findElement(By.cssSelector(".decided-by")).getText()).isEqualTo("olga");
        assertThat(done.findElement(By.cssSelector(".outcome")).getText()).startsWith("SUCCEEDED");

        Path sinkDir = servers.sinkRoot().resolve("huge");
        assertThat(parts(sinkDir, "paged.bin")).extracting(p -> p.getFileName().toString())
                .containsExactly("paged.bin.part0001", "paged.bin.part0002", "paged.bin.part0003");
        assertThat(TestFiles.sha256(concatenated(parts(sinkDir, "paged.bin"))))
                .isEqualTo(TestFiles.sha256(servers.sourceRoot().resolve("huge/paged.bin")));
        assertThat(sinkDir.resolve("paged.bin.manifest.json")).exists();
        assertThat(sinkDir.resolve("paged.bin")).doesNotExist();
    }

    /** The first scan, once for the class (whichever test runs first): three oversized files wait. */
    private static synchronized void firstScan() throws Exception {
        if (scanned) {
            return;
        }
        JsonNode first = scan();
        assertThat(first.path("summary").path("filesQueued").path("OVERSIZED").asLong()).as(first.toString())
                .isEqualTo(3);
        await(() -> approvals("PENDING").path("total").asLong() == 3, "three approvals pending");
        scanned = true;
    }

    private static JsonNode approvalOf(String path) throws Exception {
        for (JsonNode item : list("?path=" + path).path("items")) {
            if (item.path("path").asString().equals(path)) {
                return item;
            }
        }
        throw new AssertionError("no approval for " + path + ": " + list(""));
    }

    private static Map<String, String> filtered(Map<String, String> fingerprints) {
        Map<String, String> out = new TreeMap<>(fingerprints);
        out.keySet().removeIf(name -> name.startsWith("paged.bin"));
        return out;
    }

    private static String idOf(String path) throws Exception {
        for (JsonNode item : list("?status=PENDING&path=" + path).path("items")) {
            if (item.path("path").asString().equals(path)) {
                return item.path("id").asString();
            }
        }
        throw new AssertionError("no pending approval for " + path + ": " + list(""));
    }

    private static JsonNode scan() throws Exception {
        HttpResponse<String> r = post("/api/scans", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode approvals(String status) throws Exception {
        return list("?status=" + status);
    }

    private static JsonNode list(String query) throws Exception {
        HttpResponse<String> r = get("/api/approvals" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode approval(String id) throws Exception {
        HttpResponse<String> r = get("/api/approvals/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String state(String id) throws Exception {
        String state = approval(id).path("state").asString();
        assertThat(state).as("approval " + id).isNotIn("FAILED", "REJECTED", "EXPIRED");
        return state;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(request(path).header("X-Requested-By", "test")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        String basic = Base64.getEncoder().encodeToString(("olga:" + OPERATOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + basic).timeout(Duration.ofMinutes(2));
    }

    /** The approved record the approval service published for the path. */
    private static FileDiscovered approvedRecord(String path) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, Topics.FILES_LARGE);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    FileDiscovered event = EventCodec.decode(r.value(), FileDiscovered.class);
                    if (event.path().equals(path) && event.approval() != null) {
                        return event;
                    }
                }
            }
        }
        throw new AssertionError("no approved record for " + path + " on " + Topics.FILES_LARGE);
    }

    private static void redeliver(FileDiscovered record) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FILES_LARGE, record.path(), EventCodec.encode(record))).get();
        }
    }

    private static KafkaConsumer<String, byte[]> consumerAtEnd(String topic) {
        KafkaConsumer<String, byte[]> consumer = consumer();
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static TransferResult awaitResult(KafkaConsumer<String, byte[]> consumer, Predicate<TransferResult> which) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                TransferResult result = EventCodec.decode(r.value(), TransferResult.class);
                if (which.test(result)) {
                    return result;
                }
            }
        }
        throw new AssertionError("no such result within 2 minutes");
    }

    private static List<Path> parts(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\Q" + name + "\\E\\.part\\d{4,}"))
                    .sorted().toList();
        }
    }

    private static InputStream concatenated(List<Path> parts) throws IOException {
        InputStream in = InputStream.nullInputStream();
        for (Path part : parts) {
            in = new SequenceInputStream(in, Files.newInputStream(part));
        }
        return in;
    }

    /** Name to size, mtime in nanoseconds and inode: a file rewritten, or renamed over, changes. */
    private static Map<String, String> fingerprints(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                out.put(p.getFileName().toString(), Files.size(p) + " "
                        + Files.getLastModifiedTime(p).to(TimeUnit.NANOSECONDS) + " " + Files.getAttribute(p, "unix:ino"));
            }
        }
        return out;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Check check, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!sync.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached: " + what + (sync.isAlive() ? "" : " (the process ended)")
                        + "\n" + tail());
            }
            Thread.sleep(250);
        }
    }

    private static String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
