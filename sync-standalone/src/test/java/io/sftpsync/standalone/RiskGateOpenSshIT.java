package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.ApiClient;
import io.sftpsync.testkit.ConsumerWaits;
import io.sftpsync.testkit.TestFiles;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The risk gate in the packaged jar, switched on by its one operator key, between two real OpenSSH servers: a daily
 * export synced in eight versions of 10,000 bytes, then a ninth of 900 bytes (under a tenth of its usual size) is
 * held: the sink keeps the good copy, an approval waits that shows the SIZE_SHRINK sentence; approved over the API
 * it reaches the sink with its time kept.
 */
class RiskGateOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-risk-gate");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PATH = "exports/daily.csv";
    static final Instant START = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    static OpenSshPair servers;
    static ContinuousJar sync;
    static ApiClient api;
    static String brokers;

    @BeforeAll
    static void start() throws Exception {
        LocalResources.deleteTree(WORK);
        Files.createDirectories(WORK);
        servers = OpenSshPair.shared().tree("risk-gate");
        sync = ContinuousJar.start(servers, WORK, "--sync.anomaly.risk-gate.enabled=true");
        api = sync.api;
        brokers = sync.brokers;
    }

    @AfterAll
    static void stop() throws Exception {
        if (sync != null) {
            sync.close();
        }
    }

    @Test
    void aFileShrunkBelowATenthOfItsHistoryIsHeldUntilApprovedThenSynced() throws Exception {
        Path source = servers.sourceRoot().resolve(PATH);
        Path sink = servers.sinkRoot().resolve(PATH);
        for (int v = 0; v < 8; v++) {
            Instant mtime = START.plus(v, ChronoUnit.HOURS);
            TestFiles.random(source, 10_000, v, mtime);
            queue();
            await(() -> Files.exists(sink) && TestFiles.mtime(sink).equals(mtime), "version " + v + " at the sink");
        }
        String good = TestFiles.sha256(sink);

        Instant shrunkMtime = START.plus(8, ChronoUnit.HOURS);
        TestFiles.random(source, 900, 8, shrunkMtime);
        queue();
        await(() -> pending().size() == 1, "an approval for the held file");
        JsonNode approval = pending().get(0);
        assertThat(approval.path("size").asLong()).isEqualTo(900);
        JsonNode anomaly = approval.path("anomaly");
        assertThat(anomaly.path("type").asString()).as(approval.toString()).isEqualTo("SIZE_SHRINK");
        assertThat(anomaly.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(anomaly.path("sentence").asString()).contains("900 B");
        JsonNode anomalies = json(api.get("/api/anomalies?type=SIZE_SHRINK&path=" + encode(PATH)));
        assertThat(anomalies.path("total").asLong()).isEqualTo(1);
        assertThat(anomalies.path("items").get(0).path("id").asString()).isEqualTo(anomaly.path("id").asString());
        // Held, not transferred: the sink keeps the good copy, also after another scan finds the version again.
        queueAgain();
        assertThat(TestFiles.sha256(sink)).isEqualTo(good);
        assertThat(Files.size(sink)).isEqualTo(10_000);
        assertThat(pending()).hasSize(1);

        String id = approval.path("id").asString();
        HttpResponse<String> approved = api.post("/api/approvals/" + id + "/approve",
                "{\"strategy\":\"CHUNKED\",\"comment\":\"the export was trimmed on purpose\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        await(() -> "DONE".equals(json(api.get("/api/approvals/" + id)).path("state").asString()), "approval DONE");
        assertThat(Files.size(sink)).isEqualTo(900);
        assertThat(TestFiles.sha256(sink)).isEqualTo(TestFiles.sha256(source));
        assertThat(TestFiles.mtime(sink)).isEqualTo(shrunkMtime);
    }

    /** Scans until the file is queued: the previous version's result may not have reached the scanner yet. */
    private static void queue() throws Exception {
        await(() -> scan().path("summary").path("filesQueued").path("SMALL").asLong() == 1, "the file queued");
    }

    /**
     * One more scan (the file is in flight, so deferred or queued again), then the gate caught up and a moment for a
     * transfer service, had anything been forwarded.
     */
    private static void queueAgain() throws Exception {
        JsonNode summary = scan().path("summary");
        assertThat(summary.path("errors").size()).as(summary.toString()).isZero();
        ConsumerWaits.awaitConsumed(brokers, Topics.FILES_SCREENING, "risk-gate", Duration.ofMinutes(1));
        Thread.sleep(2_000);
    }

    private static List<JsonNode> pending() throws Exception {
        JsonNode page = json(api.get("/api/approvals?status=PENDING&path=" + encode(PATH)));
        List<JsonNode> items = new java.util.ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    private static JsonNode scan() throws Exception {
        HttpResponse<String> r = api.post("/api/scans", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode json(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void await(ContinuousJar.Check check, String what) throws Exception {
        sync.await(check, what);
    }
}
