package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.AnomalyDetected;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileAudited;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.ApiClient;
import io.sftpsync.testkit.ConsumerWaits;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The anomaly service and the integrity audit in one packaged jar, between two real OpenSSH servers; each test keeps
 * to a directory of its own below the base path and scans only that.
 *
 * <ul>
 * <li>{@code dated/}: a tree with files of every era (1970, 1999, 2040, 2100 and yesterday) syncs with its times
 * kept, and over three scans that each find the old and future-dated files again (their sink copies deleted in
 * between), OLD_FILE and FUTURE_TIMESTAMP are raised once per file: once in the API and once on
 * {@code sftp.anomalies}.
 * <li>{@code audit/}: after a sync, one sink file is overwritten with other bytes of the same length and its mtime
 * put back, which a scan cannot see; the audit finds it, CHECKSUM_MISMATCH is raised once (a second audit before
 * the re-sync, held off by a read-only sink directory, and one after it raise nothing more), and the re-sync the
 * audit queues restores the source's bytes.
 * </ul>
 *
 * One process serves both: its start is most of each test's time, and neither setting (the audit's rate) changes
 * what the other checks. An audit takes the whole base path, so its verdicts are read for {@code audit/} only.
 */
class AnomalyAuditOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-anomaly-audit");
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

    static final List<String> TREE = List.of("audit/a/one.txt", "audit/a/two.txt", "audit/b/three.bin",
            "audit/b/deep/four.csv");
    static final String TAMPERED = "audit/b/three.bin";

    static OpenSshPair servers;
    static ContinuousJar sync;
    static ApiClient api;
    static String brokers;

    @BeforeAll
    static void start() throws Exception {
        LocalResources.deleteTree(WORK);
        Files.createDirectories(WORK);
        servers = OpenSshPair.shared().tree("anomaly-audit");
        long seed = 7;
        for (Map<String, Instant> files : List.of(OLD, FUTURE)) {
            for (Map.Entry<String, Instant> f : files.entrySet()) {
                TestFiles.random(servers.sourceRoot().resolve(f.getKey()), 3_000 + seed, seed++, f.getValue());
            }
        }
        for (int i = 0; i < 3; i++) {
            TestFiles.random(servers.sourceRoot().resolve("dated/today-" + i + ".txt"), 2_000, 100 + i, YESTERDAY);
        }
        seed = 40;
        for (String path : TREE) {
            TestFiles.random(servers.sourceRoot().resolve(path), 5_000 + seed, seed++, YESTERDAY);
        }
        sync = ContinuousJar.start(servers, WORK, "--sync.scan.audit.max-rate=1MB");
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
            JsonNode summary = scan("dated").path("summary");
            assertThat(summary.path("filesQueued").path("SMALL").asLong()).as("scan " + scan + ": " + summary)
                    .isEqualTo(scan == 1 ? 7 : 4);
            // Every copy's result published and read back by the scanner, so the next scan finds only the four
            // deleted files to copy, none still in flight.
            resultsSoFar += scan == 1 ? ALL.size() : dated.size();
            assertThat(results.await(resultsSoFar, r -> r.key().startsWith("dated/"), Duration.ofMinutes(2)))
                    .as("results after scan " + scan).hasSize(resultsSoFar);
            ConsumerWaits.awaitConsumed(brokers, Topics.RESULTS, "scanner-results", Duration.ofMinutes(1));
            await(() -> ALL.stream().allMatch(p -> Files.exists(servers.sinkRoot().resolve(p))),
                    "scan " + scan + "'s files at the sink");
            ConsumerWaits.awaitConsumed(brokers, Topics.FILES_SMALL, "anomalies", Duration.ofMinutes(1));
        }

        results.close();

        for (Map.Entry<String, Instant> f : OLD.entrySet()) {
            assertThat(TestFiles.mtime(servers.sinkRoot().resolve(f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
            JsonNode a = singleAnomaly("OLD_FILE", f.getKey());
            assertThat(a.path("message").asString()).as(a.toString()).contains(f.getValue().toString().substring(0, 4));
        }
        for (Map.Entry<String, Instant> f : FUTURE.entrySet()) {
            assertThat(TestFiles.mtime(servers.sinkRoot().resolve(f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
            JsonNode a = singleAnomaly("FUTURE_TIMESTAMP", f.getKey());
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

    private static JsonNode singleAnomaly(String type, String path) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : list("?type=" + type + "&path=" + path).path("items")) {
            if (item.path("path").asString().equals(path)) {
                found.add(item);
            }
        }
        assertThat(found).as(type + " " + path).hasSize(1);
        return found.get(0);
    }

    @Test
    void aSinkFileWithOtherBytesOfTheSameLengthAndMtimeIsFoundOnceAndRestored() throws Exception {
        scan("audit");
        await(AnomalyAuditOpenSshIT::treeSynced, "the tree synced");
        String sourceSha = TestFiles.sha256(servers.sourceRoot().resolve(TAMPERED));

        // Other bytes of the same length at the sink, the mtime put back: size and mtime say nothing changed.
        Path sinkFile = servers.sinkRoot().resolve(TAMPERED);
        byte[] other = Files.readAllBytes(sinkFile);
        for (int i = 0; i < other.length; i += 512) {
            other[i] ^= 0x5a;
        }
        Files.write(sinkFile, other);
        Files.setLastModifiedTime(sinkFile, FileTime.from(YESTERDAY));
        String tamperedSha = TestFiles.sha256(sinkFile);
        assertThat(tamperedSha).isNotEqualTo(sourceSha);
        JsonNode rescan = scan("audit").path("summary");
        assertThat(rescan.path("filesUpToDate").asLong()).as("a scan cannot see it: " + rescan).isEqualTo(4);

        // The sink's directory read-only for now, so the re-sync the audit queues fails and a second audit finds
        // the same bad bytes before any re-sync.
        Path dir = sinkFile.getParent();
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            String first = audit();
            assertThat(verdicts(first, 4)).filteredOn(v -> !v.matched()).singleElement().satisfies(v -> {
                assertThat(v.path()).isEqualTo(TAMPERED);
                assertThat(v.sourceSha256()).isEqualTo(sourceSha);
                assertThat(v.sinkSha256()).isEqualTo(tamperedSha);
            });
            JsonNode mismatch = singleMismatch(TAMPERED);
            assertThat(mismatch.path("severity").asString()).isEqualTo("CRITICAL");
            assertThat(mismatch.path("message").asString()).as(mismatch.toString())
                    .contains(tamperedSha.substring(0, 12), sourceSha.substring(0, 12), "queued for re-sync");
            assertThat(results.await(1, r -> TAMPERED.equals(r.key()) && EventCodec.decode(r.value(),
                    TransferResult.class).status() == TransferStatus.FAILED, Duration.ofMinutes(3)))
                    .as("the re-sync into a read-only directory failed").isNotEmpty();
            assertThat(TestFiles.sha256(sinkFile)).isEqualTo(tamperedSha);

            String second = audit();
            assertThat(verdicts(second, 4)).filteredOn(v -> !v.matched()).singleElement()
                    .satisfies(v -> assertThat(v.sinkSha256()).isEqualTo(tamperedSha));
            ConsumerWaits.awaitConsumed(brokers, Topics.AUDITS, "anomalies", Duration.ofMinutes(1));
            singleMismatch(TAMPERED);
        } finally {
            Files.setPosixFilePermissions(dir, mode);
        }

        // Writable again: the next audit queues it once more, and the re-sync restores the source's bytes.
        audit();
        await(() -> TestFiles.sha256(sinkFile).equals(sourceSha), "the source's bytes back at the sink");
        assertThat(TestFiles.mtime(sinkFile)).isEqualTo(YESTERDAY);

        // After the re-sync every pair matches, and still only the one anomaly.
        String last = audit();
        assertThat(verdicts(last, 4)).hasSize(4).allSatisfy(v -> assertThat(v.matched()).as(v.path()).isTrue());
        ConsumerWaits.awaitConsumed(brokers, Topics.AUDITS, "anomalies", Duration.ofMinutes(1));
        singleMismatch(TAMPERED);
        assertThat(list("?type=CHECKSUM_MISMATCH").path("total").asLong()).isEqualTo(1);
    }

    private static boolean treeSynced() throws IOException {
        for (String path : TREE) {
            if (!identical(path)) {
                return false;
            }
        }
        return true;
    }

    private static boolean identical(String path) throws IOException {
        Path sink = servers.sinkRoot().resolve(path);
        return Files.exists(sink) && TestFiles.sha256(sink).equals(TestFiles.sha256(servers.sourceRoot()
                .resolve(path)));
    }

    /** Starts an audit and waits until it has finished; returns its id. */
    private static String audit() throws Exception {
        HttpResponse<String> r = api.post("/api/scans/audit", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = JSON.readTree(r.body()).path("auditId").asString();
        await(() -> {
            HttpResponse<String> latest = api.get("/api/scans/audit/latest");
            JsonNode report = JSON.readTree(latest.body());
            return latest.statusCode() == 200 && id.equals(report.path("auditId").asString())
                    && !report.path("finishedAt").isNull() && !report.path("finishedAt").isMissingNode();
        }, "audit " + id + " finished");
        JsonNode report = JSON.readTree(api.get("/api/scans/audit/latest").body());
        assertThat(report.path("errors").size()).as(report.toString()).isZero();
        return id;
    }

    /**
     * The audit's verdicts on {@code sftp.audits} of the files in {@code audit/}, at least {@code atLeast} of them:
     * an audit takes the whole base path, the other test's files too.
     */
    private static List<FileAudited> verdicts(String auditId, int atLeast) {
        try (TopicReader reader = TopicReader.fromBeginning(brokers, Topics.AUDITS)) {
            reader.await(atLeast, r -> ofAudit(EventCodec.decode(r.value(), FileAudited.class), auditId),
                    Duration.ofSeconds(30));
            List<FileAudited> found = new ArrayList<>();
            reader.drain(Duration.ofMillis(500)).forEach(r -> {
                FileAudited a = EventCodec.decode(r.value(), FileAudited.class);
                if (ofAudit(a, auditId)) {
                    found.add(a);
                }
            });
            return found;
        }
    }

    private static boolean ofAudit(FileAudited verdict, String auditId) {
        return verdict.auditId().toString().equals(auditId) && verdict.path().startsWith("audit/");
    }

    /** The one CHECKSUM_MISMATCH of the path in the API (waits for it first). */
    private static JsonNode singleMismatch(String path) throws Exception {
        await(() -> !matches(path).isEmpty(), "a CHECKSUM_MISMATCH for " + path);
        List<JsonNode> found = matches(path);
        assertThat(found).as("CHECKSUM_MISMATCH " + path).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> matches(String path) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : list("?type=CHECKSUM_MISMATCH&path=" + path).path("items")) {
            if (item.path("path").asString().equals(path)) {
                found.add(item);
            }
        }
        return found;
    }

    /** Scans one test's directory and answers the report. */
    private static JsonNode scan(String subtree) throws Exception {
        HttpResponse<String> r = api.post("/api/scans?subtree=" + subtree, "");
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
