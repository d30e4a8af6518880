package io.sftpsync.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.sftpsync.core.approval.ApprovalProof;
import io.sftpsync.core.events.ApprovalRequested;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.ApiClient;
import io.sftpsync.testkit.ConsumerWaits;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The approval service's one test context, shared by every integration test class of this module (Spring caches
 * it by configuration, so they must not add any of their own): the service on a random port, a real in-process
 * broker, the embedded PostgreSQL, a pair of SFTP servers and a data directory that live as long as the JVM, and
 * the users vera (viewer), otto and olga (operators). Helpers publish discoveries and wait for their approvals.
 */
@SpringBootTest(classes = ApprovalApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBroker
abstract class ApprovalContext {

    /** A test key, never a real one. */
    static final String PROOF_KEY = "approval-service-it-proof-key-0123456789abcdef";
    static final ApprovalProof PROOF = new ApprovalProof(PROOF_KEY.getBytes(StandardCharsets.UTF_8));
    static final long GiB = 1L << 30;
    static final Duration WAIT = Duration.ofSeconds(15);

    /** Started once: the cached context outlives the test class that started it. */
    private static final class Shared {
        static final Path DIR;
        static final SftpPair SERVERS;

        static {
            try {
                DIR = Files.createTempDirectory("approval-it-");
                SERVERS = new SftpPair().basePaths("/", "/").startIn(DIR.resolve("sftp"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    SERVERS.close();
                } catch (IOException e) {
                    // the JVM ends anyway
                }
            }));
        }
    }

    static KafkaProducer<String, byte[]> producer;

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    ApiClient operator;
    ApiClient operator2;
    ApiClient viewer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, Shared.SERVERS, "/", "/");
        r.add("sync.data-dir", () -> Shared.DIR.resolve("data").toString());
        r.add("sync.proof.key", () -> PROOF_KEY);
        r.add("sync.security.users[0].username", () -> "vera");
        r.add("sync.security.users[0].password", () -> "{noop}viewer-pw");
        r.add("sync.security.users[0].roles", () -> "viewer");
        r.add("sync.security.users[1].username", () -> "otto");
        r.add("sync.security.users[1].password", () -> "{noop}otto-pw");
        r.add("sync.security.users[1].roles", () -> "operator");
        r.add("sync.security.users[2].username", () -> "olga");
        r.add("sync.security.users[2].password", () -> "{noop}olga-pw");
        r.add("sync.security.users[2].roles", () -> "operator");
        r.add("sync.approval.rules[0].name", () -> "nightly");
        r.add("sync.approval.rules[0].glob", () -> "nightly/**");
        r.add("sync.approval.rules[0].max-size", () -> "500GB");
        r.add("sync.approval.rules[0].strategy", () -> "COMPRESS");
        r.add("sync.approval.two-person-above", () -> "1TB");
        r.add("sync.approval.external-topic", () -> "it.external");
        r.add("sync.approval.page-url", () -> "http://approvals.example/");
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    @BeforeEach
    void clients() throws InterruptedException {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers), new StringSerializer(),
                    new ByteArraySerializer());
            ConsumerWaits.awaitAssigned(listeners, Duration.ofSeconds(60));
        }
        ApiClient anonymous = new ApiClient(port, null, null);
        operator = anonymous.as("otto", "otto-pw");
        operator2 = anonymous.as("olga", "olga-pw");
        viewer = anonymous.as("vera", "viewer-pw");
    }

    // --- helpers

    /** The mtime each test path was created with (nanoseconds kept: the proof signs them). */
    static final Map<String, Instant> MTIMES = new java.util.concurrent.ConcurrentHashMap<>();

    static Instant mtime() {
        return Instant.now().minusSeconds(86_400).plusNanos(123_456_789);
    }

    static FileDiscovered discovery(String path, long size, Instant mtime) {
        return FileDiscovered.of(UUID.randomUUID(), path, size, mtime, null, null, SyncReason.MISSING,
                SizeClass.OVERSIZED, Instant.now());
    }

    /** Publishes a discovery of a new file and returns its approval's id. */
    String create(String path, long size) throws Exception {
        Instant mtime = mtime();
        MTIMES.put(path, mtime);
        send(Topics.FILES_OVERSIZED, path, discovery(path, size, mtime));
        return awaitApproval(path);
    }

    static void send(String topic, String key, SyncEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, EventCodec.encode(event))).get();
    }

    String awaitApproval(String path) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            List<String> ids = jdbc.queryForList("SELECT id FROM approval.approvals WHERE path = ? "
                    + "AND state NOT IN ('SUPERSEDED', 'EXPIRED')", String.class, path);
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no approval for " + path + " within " + WAIT);
    }

    String state(String id) {
        return read(viewer.get("/api/approvals/" + id), "$.state", String.class);
    }

    void awaitState(String id, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        String state = null;
        while (Instant.now().isBefore(deadline)) {
            state = state(id);
            if (expected.equals(state)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("approval " + id + " is " + state + ", not " + expected + ", after " + WAIT);
    }

    FileDiscovered onlyRecord(TopicReader large, String path) {
        List<ConsumerRecord<String, byte[]>> records = large.await(1, r -> path.equals(r.key()), WAIT);
        assertThat(records).as("a record for " + path).hasSize(1);
        assertThat(large.drain(Duration.ofMillis(500))).filteredOn(r -> path.equals(r.key())).hasSize(1);
        return decode(records.get(0), FileDiscovered.class);
    }

    static <T extends SyncEvent> Predicate<ConsumerRecord<String, byte[]>> of(String path, Class<T> type) {
        return r -> path.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains(
                type == ApprovalRequested.class ? "\"requestedAt\"" : "\"decision\"");
    }

    static <T extends SyncEvent> T decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
        return EventCodec.decode(record.value(), type);
    }

    static <T> T read(HttpResponse<String> response, String jsonPath, Class<T> type) {
        Object value = JsonPath.read(response.body(), jsonPath);
        if (value instanceof Number n && type == Long.class) {
            return type.cast(n.longValue());
        }
        return type.cast(value);
    }
}
