package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The integrity audit in the packaged jar, between two real OpenSSH servers: after a sync, one sink file is
 * overwritten with other bytes of the same length and its mtime put back, which a scan cannot see; the audit finds
 * it, CHECKSUM_MISMATCH is raised once (a second audit before the re-sync, held off by a read-only sink directory,
 * and one after it raise nothing more), and the re-sync the audit queues restores the source's bytes.
 */
class AuditOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-audit");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    static final List<String> TREE = List.of("a/one.txt", "a/two.txt", "b/three.bin", "b/deep/four.csv");
    static final String TAMPERED = "b/three.bin";

    static OpenSshPair servers;
    static ContinuousJar sync;
    static ApiClient api;
    static String brokers;

    @BeforeAll
    static void start() throws Exception {
        LocalResources.deleteTree(WORK);
        Files.createDirectories(WORK);
        servers = OpenSshPair.start(StandaloneJar.ROOT, WORK.resolve("sftp"));
        long seed = 40;
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
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void aSinkFileWithOtherBytesOfTheSameLengthAndMtimeIsFoundOnceAndRestored() throws Exception {
        HttpResponse<String> scan = api.post("/api/scans", "");
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
        await(AuditOpenSshIT::treeSynced, "the tree synced");
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
        JsonNode rescan = JSON.readTree(api.post("/api/scans", "").body()).path("summary");
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
            JsonNode mismatch = single(TAMPERED);
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
            single(TAMPERED);
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
        single(TAMPERED);
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

    /** The audit's verdicts on {@code sftp.audits}, at least {@code atLeast} of them. */
    private static List<FileAudited> verdicts(String auditId, int atLeast) {
        try (TopicReader reader = TopicReader.fromBeginning(brokers, Topics.AUDITS)) {
            reader.await(atLeast, r -> EventCodec.decode(r.value(), FileAudited.class).auditId().toString()
                    .equals(auditId), Duration.ofSeconds(30));
            List<FileAudited> found = new ArrayList<>();
            reader.drain(Duration.ofMillis(500)).forEach(r -> {
                FileAudited a = EventCodec.decode(r.value(), FileAudited.class);
                if (a.auditId().toString().equals(auditId)) {
                    found.add(a);
                }
            });
            return found;
        }
    }

    /** The one CHECKSUM_MISMATCH of the path in the API (waits for it first). */
    private static JsonNode single(String path) throws Exception {
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

    private static JsonNode list(String query) throws Exception {
        HttpResponse<String> r = api.get("/api/anomalies" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void await(ContinuousJar.Check check, String what) throws Exception {
        sync.await(check, what);
    }
}
