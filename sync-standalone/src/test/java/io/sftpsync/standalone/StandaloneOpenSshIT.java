package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged jar, in once mode, between two real OpenSSH servers: what an operator runs from cron.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e");
    static OpenSshPair servers;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        servers = OpenSshPair.shared().tree("once");
        SplittableRandom random = new SplittableRandom(11);
        Path src = servers.sourceRoot();
        for (int i = 0; i < 150; i++) {
            TreeFixture.write(src, "batch/" + (i % 5) + "/small " + i + ".dat", random.nextInt(60_000),
                    TreeFixture.YESTERDAY, random);
        }
        TreeFixture.write(src, "medium/m1.bin", 300_000, TreeFixture.YESTERDAY, random);
        TreeFixture.write(src, "medium/m2.bin", 900_000, TreeFixture.YESTERDAY, random);
        TreeFixture.write(src, "odd/quote's \"and\" spaces.txt", 77, TreeFixture.YESTERDAY, random);
        TreeFixture.write(src, "odd/ünïcødé.txt", 88, TreeFixture.YESTERDAY, random);
        TreeFixture.write(src, "odd/line\nbreak.txt", 99, TreeFixture.YESTERDAY, random);
        TreeFixture.write(src, "odd/old.txt", 10, Instant.parse("1999-12-31T23:59:59Z"), random);
        TreeFixture.write(src, "odd/future.txt", 11, Instant.parse("2037-01-01T00:00:00Z"), random);
        // After 2038: SFTP v3 carries unsigned 32-bit seconds, up to 2106, on each copy path.
        TreeFixture.write(src, "y2038/small-2040.txt", 12, Instant.parse("2040-01-04T00:00:00Z"), random);
        TreeFixture.write(src, "y2038/small-2100.txt", 13, Instant.parse("2100-06-01T12:00:00Z"), random);
        TreeFixture.write(src, "y2038/medium-2040.bin", 400_000, Instant.parse("2040-01-04T00:00:00Z"), random);
        TreeFixture.write(src, "y2038/medium-2100.bin", 600_000, Instant.parse("2100-06-01T12:00:00Z"), random);
        TreeFixture.write(src, "y2038/large-2100.bin", 1_500_000, Instant.parse("2100-06-01T12:00:00Z"), random);
        TreeFixture.write(src, "large/l.bin", 2_000_000, TreeFixture.YESTERDAY, random);
        TreeFixture.write(src, "huge/o.bin", 5_000_000, TreeFixture.YESTERDAY, random);
    }

    @Test
    @Order(1)
    void onceModeSyncsAMixedTreeByteForByte() throws Exception {
        StandaloneJar.Result r = runOnce("password", servers.get("KNOWN_HOSTS"), servers.get("SINK_PASSWORD"));
        // The oversized file waits for approval: everything else synced, the run is incomplete (4).
        assertThat(r.exit()).as(r.output()).isEqualTo(4);
        assertThat(r.output()).contains("sync phase:").contains("SUCCEEDED")
                .contains("waiting for operator approval").contains("huge/o.bin");
        Map<String, String> expected = TreeFixture.snapshot(servers.sourceRoot());
        expected.remove("huge/o.bin");
        assertThat(TreeFixture.snapshot(servers.sinkRoot())).isEqualTo(expected);
    }

    @Test
    @Order(2)
    void aSecondRunFindsNothingToDoAndKeyAuthWorks() throws Exception {
        StandaloneJar.Result r = runOnce("key", servers.get("KNOWN_HOSTS"), null);
        assertThat(r.exit()).as(r.output()).isEqualTo(4);
        // Only the large and oversized files, which no service here moves, are queued again.
        assertThat(r.output()).contains("163 up to date, 1 queued").contains("moved 0 files").doesNotContain("FAILED");
    }

    @Test
    @Order(3)
    void anUnknownHostKeyIsRefused() throws Exception {
        Path empty = WORK.resolve("empty_known_hosts");
        Files.writeString(empty, "");
        StandaloneJar.Result r = runOnce("password", empty.toString(), servers.get("SINK_PASSWORD"));
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("known_hosts").contains(servers.get("SOURCE_PORT"));
        assertThat(Files.readString(empty)).as("strict policy never writes").isEmpty();
    }

    @Test
    @Order(4)
    void aWrongPasswordFailsClearlyWithoutShowingIt() throws Exception {
        Files.writeString(servers.sourceRoot().resolve("new-file.txt"), "new");
        Files.setLastModifiedTime(servers.sourceRoot().resolve("new-file.txt"),
                java.nio.file.attribute.FileTime.from(TreeFixture.YESTERDAY));
        StandaloneJar.Result r = runOnce("password", servers.get("KNOWN_HOSTS"), "Wr0ng-Secret-xyz");
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output()).containsIgnoringCase("authentication").contains(servers.get("SINK_USER"))
                .doesNotContain("Wr0ng-Secret-xyz");
        assertThat(servers.sinkRoot().resolve("new-file.txt")).doesNotExist();
    }

    @Test
    @Order(5)
    void theSinkSshdStoppedMidRunGivesFailedResultsNoHalfFileAndTheNextRunCompletes() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        Path outage = servers.sourceRoot().resolve("outage");
        for (int i = 0; i < 400; i++) {
            TreeFixture.write(servers.sourceRoot(), "outage/o" + i + ".bin", 30_000 + random.nextInt(30_000),
                    TreeFixture.YESTERDAY, random);
        }
        Process run = start(onceCommand("password", servers.get("KNOWN_HOSTS"), servers.get("SINK_PASSWORD")));
        Path sinkOutage = servers.sinkRoot().resolve("outage");
        long deadline = System.currentTimeMillis() + 120_000;
        while (count(sinkOutage) < 20 && System.currentTimeMillis() < deadline && run.isAlive()) {
            Thread.sleep(20);
        }
        servers.run("stop", "sink");
        StandaloneJar.Result cut;
        try {
            cut = finish(run);
        } finally {
            servers.run("start", "--source-port", servers.get("SOURCE_PORT"), "--sink-port", servers.get("SINK_PORT"));
        }
        assertThat(cut.exit()).as(cut.output()).isEqualTo(1);
        assertThat(cut.output()).contains("FAILED outage/");
        Map<String, String> source = TreeFixture.snapshot(servers.sourceRoot());
        TreeFixture.snapshot(servers.sinkRoot()).forEach((path, digest) -> {
            if (!TempNames.isTemporary(RelativePath.name(path))) {
                assertThat(digest).as("no half file under a real name: " + path).isEqualTo(source.get(path));
            }
        });

        StandaloneJar.Result again = runOnce("password", servers.get("KNOWN_HOSTS"), servers.get("SINK_PASSWORD"));
        assertThat(again.exit()).as(again.output()).isEqualTo(4);
        Map<String, String> copied = TreeFixture.snapshot(sinkOutage);
        copied.keySet().removeIf(p -> TempNames.isTemporary(RelativePath.name(p)));
        assertThat(copied).isEqualTo(TreeFixture.snapshot(outage));
    }

    private static long count(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private StandaloneJar.Result runOnce(String auth, String knownHosts, String sinkPassword) throws Exception {
        return finish(start(onceCommand(auth, knownHosts, sinkPassword)));
    }

    private static Process start(List<String> command) throws java.io.IOException {
        return StandaloneJar.start(command, WORK);
    }

    private static StandaloneJar.Result finish(Process p) throws Exception {
        return StandaloneJar.finish(p);
    }

    private List<String> onceCommand(String auth, String knownHosts, String sinkPassword) {
        List<String> cmd = StandaloneJar.command(servers, "once", WORK.resolve("data"));
        cmd.addAll(List.of("--sync.known-hosts=" + knownHosts,
                "--sync.thresholds.small=64KB", "--sync.thresholds.large=1MB", "--sync.thresholds.max=4MB",
                "--sync.transfer.max-attempts=1", "--sync.large.max-attempts=1", "--sync.standalone.once-timeout=2m"));
        if (auth.equals("key")) {
            cmd.add("--sync.source.private-key=" + servers.get("CLIENT_KEY"));
            cmd.add("--sync.sink.private-key=" + servers.get("CLIENT_KEY"));
        } else {
            cmd.add("--sync.source.password=" + servers.get("SOURCE_PASSWORD"));
            cmd.add("--sync.sink.password=" + sinkPassword);
        }
        return cmd;
    }
}
