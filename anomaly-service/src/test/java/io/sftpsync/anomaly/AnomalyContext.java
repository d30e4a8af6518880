package io.sftpsync.anomaly;

import com.jayway.jsonpath.JsonPath;
import io.sftpsync.anomaly.store.FileVersions;
import io.sftpsync.anomaly.store.HistoryStore;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.testkit.ApiClient;
import io.sftpsync.testkit.ConsumerWaits;
import io.sftpsync.testkit.EmbeddedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The anomaly service's one test context, shared by every integration test class of this module (Spring caches it
 * by configuration, so they must not add any of their own): the service on a random port, a real in-process broker,
 * the embedded PostgreSQL, the users vera (viewer), otto and olga (operators), and the late-arrival check's
 * {@link MovableClock}. Helpers publish events and store anomalies as the reporter does.
 */
@SpringBootTest(classes = AnomalyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBroker
@Import(AnomalyContext.Clocks.class)
abstract class AnomalyContext {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("anomaly-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
    @Autowired
    HistoryStore store;
    @Autowired
    FileVersions fileVersions;

    ApiClient anonymous;
    ApiClient viewer;
    ApiClient operator;
    ApiClient operator2;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("sync.data-dir", () -> DIR.resolve("data").toString());
        r.add("sync.anomaly.stalled-transfer.after", () -> "1s");
        // The gate reads only sftp.files.screening: the other tests publish to the class topics as before.
        r.add("sync.anomaly.risk-gate.enabled", () -> "true");
        // Two partitions a topic, as the broker's own: fewer to create and assign, the same keyed ordering.
        r.add("sync.topics.partitions", () -> "2");
        r.add("sync.security.users[0].username", () -> "vera");
        r.add("sync.security.users[0].password", () -> "{noop}viewer-pw");
        r.add("sync.security.users[0].roles", () -> "viewer");
        r.add("sync.security.users[1].username", () -> "otto");
        r.add("sync.security.users[1].password", () -> "{noop}otto-pw");
        r.add("sync.security.users[1].roles", () -> "operator");
        r.add("sync.security.users[2].username", () -> "olga");
        r.add("sync.security.users[2].password", () -> "{noop}olga-pw");
        r.add("sync.security.users[2].roles", () -> "operator");
        // An operator's size classes, far from the defaults (100 MiB, 1 GiB, 10 GiB): EXTREME_SIZE must use them.
        r.add("sync.thresholds.small", () -> "5GB");
        r.add("sync.thresholds.large", () -> "5GB");
    }

    /** The late-arrival check's clock, which a test moves instead of waiting for a file not to come. */
    @TestConfiguration
    static class Clocks {
        @Bean
        MovableClock lateArrivalClock() {
            return new MovableClock(Instant.now());
        }
    }

    /** A clock set by hand. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    @BeforeEach
    void client() throws InterruptedException {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers), new StringSerializer(),
                    new ByteArraySerializer());
            ConsumerWaits.awaitAssigned(listeners, Duration.ofSeconds(30));
        }
        anonymous = new ApiClient(port, null, null);
        viewer = anonymous.as("vera", "viewer-pw");
        operator = anonymous.as("otto", "otto-pw");
        operator2 = anonymous.as("olga", "olga-pw");
    }

    // --- helpers

    /** Stores an anomaly as the reporter does and returns its id. */
    String storeAnomaly(String path, String type, String severity, Instant detectedAt) {
        String id = UUID.randomUUID().toString();
        store.storeAnomalies(List.of(new HistoryStore.NewAnomaly(id, type + "|" + path + "|" + id, path, type,
                severity, 1.0, type + " of " + path, UUID.randomUUID(), detectedAt)));
        return id;
    }

    static <T> T read(HttpResponse<String> response, String jsonPath, Class<T> type) {
        return JsonPath.parse(response.body()).read(jsonPath, type);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static FileDiscovered discovery(UUID scan, String path, long size, Instant mtime) {
        return FileDiscovered.of(scan, path, size, mtime, null, null, SyncReason.MISSING, SizeClass.SMALL,
                Instant.now());
    }

    static void send(String topic, String key, SyncEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, EventCodec.encode(event))).get();
    }

    long stored(String path) {
        return jdbc.queryForObject("SELECT count(*) FROM anomaly.anomalies WHERE path = ?", Long.class, path);
    }

    void awaitStored(String path, long count) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (stored(path) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(stored(path) + " anomalies for '" + path + "', not " + count + ", after "
                        + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
