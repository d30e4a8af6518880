package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.AnomalyDetected;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.ApiClient;
import io.sftpsync.testkit.ConsumerWaits;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The anomaly service in the packaged jar, between two real OpenSSH servers: a tree with files of every era
 * (1970, 1999, 2040, 2100 and yesterday) syncs with its times kept, and over three scans that each find the old and
 * future-dated files again (their sink copies deleted in between), OLD_FILE and FUTURE_TIMESTAMP are raised once per
 * file: once in the API and once on {@code sftp.anomalies}.
 */
class AnomalyOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-anomaly");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    static final Map<String, Instant> OLD = Map.of(
            "dated/epoch.txt", Instant.parse("1970-01-01T00:00:01Z"),
            "dated/1999/report.csv", Instant.parse("1999-12-31T23:59:59Z"));
    static final Map<String, Instant> FUTURE = Map.of(
            "dated/2040.bin", Instant.parse("2040-06-01T12:00:00Z"),
            "dated/far/2100.bin", Instant.parse("2100-01-01T00:00:00Z"));

    static final List<String> ALL = List.of("dated/epoch.txt", "dated/1999/report.csv", "dated/2040.bin",
            "dated/far/2100.bin", "dated/today-0.txt", "dated/today-1.txt", "dated/today-2.txt");

    static OpenSshPair servers;
    static ContinuousJar sync;
    static ApiClient api;
    static String brokers;

    @BeforeAll
    static void start() throws Exception {
        LocalResources.deleteTree(WORK);
        Files.createDirectories(WORK);
        servers = OpenSshPair.start(StandaloneJar.ROOT, WORK.resolve("sftp"));
        long seed = 7;
        for (Map<String, Instant> files : List.of(OLD, FUTURE)) {
            for (Map.Entry<String, Instant> f : files.entrySet()) {
                TestFiles.random(servers.sourceRoot().resolve(f.getKey()), 3_000 + seed, seed++, f.getValue());
            }
        }
        for (int i = 0; i < 3; i++) {
            TestFiles.random(servers.sourceRoot().resolve("dated/today-" + i + ".txt"), 2_000, 100 + i, YESTERDAY);
        }
        sync = ContinuousJar.start(servers, WORK);
        api = sync.api;
        brokers = sync.brokers;
    }

    @AfterAll
    static void stop() throws Exception {
        if (sync != null) {
            sync.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void oldAndFutureDatedFilesRaiseOneAnomalyEachOverSeveralScans() throws Exception {
        List<String> dated = new ArrayList<>(OLD.keySet());
        dated.addAll(FUTURE.keySet());
        TopicReader results = TopicReader.fromBeginning(brokers, Topics.RESULTS);
        int resultsSoFar = 0;
        for (int scan = 1; scan <= 3; scan++) {
            if (scan > 1) {
                for (String path : dated) {
                    Files.delete(servers.sinkRoot().resolve(path));
                }
            }
            JsonNode summary = scan().path("summary");
            assertThat(summary.path("filesQueued").path("SMALL").asLong()).as("scan " + scan + ": " + summary)
                    .isEqualTo(scan == 1 ? 7 : 4);
            // Every copy's result published and read back by the scanner, so the next scan finds only the four
            // deleted files to copy, none still in flight.
            resultsSoFar += scan == 1 ? ALL.size() : dated.size();
            assertThat(results.await(resultsSoFar, r -> true, Duration.ofMinutes(2))).as("results after scan " + scan)
                    .hasSize(resultsSoFar);
            ConsumerWaits.awaitConsumed(brokers, Topics.RESULTS, "scanner-results", Duration.ofMinutes(1));
            await(() -> ALL.stream().allMatch(p -> Files.exists(servers.sinkRoot().resolve(p))),
                    "scan " + scan + "'s files at the sink");
            ConsumerWaits.awaitConsumed(brokers, Topics.FILES_SMALL, "anomalies", Duration.ofMinutes(1));
        }

        results.close();

        for (Map.Entry<String, Instant> f : OLD.entrySet()) {
            assertThat(TestFiles.mtime(servers.sinkRoot().resolve(f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
            JsonNode a = single("OLD_FILE", f.getKey());
            assertThat(a.path("message").asString()).as(a.toString()).contains(f.getValue().toString().substring(0, 4));
        }
        for (Map.Entry<String, Instant> f : FUTURE.entrySet()) {
            assertThat(TestFiles.mtime(servers.sinkRoot().resolve(f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
            JsonNode a = single("FUTURE_TIMESTAMP", f.getKey());
            assertThat(a.path("severity").asString()).as(a.toString()).isEqualTo("CRITICAL");
        }
        assertThat(list("?type=OLD_FILE,FUTURE_TIMESTAMP").path("total").asLong()).isEqualTo(4);

        // And once each on the topic, however often the files were found.
        List<String> published = new ArrayList<>();
        try (TopicReader reader = TopicReader.fromBeginning(brokers, Topics.ANOMALIES)) {
            for (ConsumerRecord<String, byte[]> r : reader.drain(Duration.ofSeconds(3))) {
                AnomalyDetected a = EventCodec.decode(r.value(), AnomalyDetected.class);
                if (a.type().equals("OLD_FILE") || a.type().equals("FUTURE_TIMESTAMP")) {
                    published.add(a.type() + " " + a.path());
                }
            }
        }
        assertThat(published).containsExactlyInAnyOrder("OLD_FILE dated/epoch.txt", "OLD_FILE dated/1999/report.csv",
                "FUTURE_TIMESTAMP dated/2040.bin", "FUTURE_TIMESTAMP dated/far/2100.bin");
    }

    private static JsonNode single(String type, String path) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : list("?type=" + type + "&path=" + path).path("items")) {
            if (item.path("path").asString().equals(path)) {
                found.add(item);
            }
        }
        assertThat(found).as(type + " " + path).hasSize(1);
        return found.get(0);
    }

    private static JsonNode scan() throws Exception {
        HttpResponse<String> r = api.post("/api/scans", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode list(String query) throws Exception {
        HttpResponse<String> r = api.get("/api/anomalies" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void await(ContinuousJar.Check check, String what) throws Exception {
        sync.await(check, what);
    }
}
