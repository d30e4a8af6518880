package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.standalone.kafka.KraftBroker;
import io.sftpsync.testkit.TestFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rows of docs/operations.md's "what survives what" that no other test proves: the sink's disk filling up,
 * the broker restarting and the database restarting while the packaged jar copies between two real OpenSSH
 * servers. Each ends with the sink equal to the source and nothing partial under a real name.
 */
class SurvivalOpenSshIT {

    static final long MiB = 1024 * 1024;
    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-survival");
    static final Instant MTIME = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    static OpenSshPair servers;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        servers = OpenSshPair.shared().tree("survival");
    }

    @Test
    void aFullSinkDiskFailsCleanlyKeepsThePreviousVersionAndTheNextRunCompletes() throws Exception {
        Path sink = servers.sinkRoot().resolve("full");
        Files.createDirectories(sink);
        assumeTrue(run("chown", servers.get("SINK_USER") + ":", sink.toString()) == 0, "chown the sink directory");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=6m,mode=0755,uid=" + uid(sink), "tmpfs", sink.toString())
                == 0, "mounting a tmpfs needs root");
        try {
            SplittableRandom random = new SplittableRandom(31);
            Path source = servers.sourceRoot().resolve("full");
            // A good version at the sink that the new, larger one cannot replace while the disk is full.
            TreeFixture.write(servers.sourceRoot(), "full/keep.bin", 100_000, MTIME.minusSeconds(3600), random);
            assertThat(runOnce(once(WORK.resolve("data-full"))).exit()).isZero();
            String previous = TestFiles.sha256(sink.resolve("keep.bin"));
            TreeFixture.write(servers.sourceRoot(), "full/keep.bin", 3_000_000, MTIME, random);
            for (int i = 0; i < 40; i++) {
                TreeFixture.write(servers.sourceRoot(), "full/f" + i + ".bin", 200_000 + random.nextInt(100_000),
                        MTIME, random);
            }
            TreeFixture.write(servers.sourceRoot(), "full/large.bin", 12_000_000, MTIME, random);

            StandaloneJar.Result full = runOnce(once(WORK.resolve("data-full")));

            assertThat(full.exit()).as(full.output()).isEqualTo(1);
            assertThat(full.output()).contains("FAILED full/");
            Map<String, String> expected = TreeFixture.snapshot(source);
            TreeFixture.snapshot(sink).forEach((path, digest) -> {
                if (path.equals("keep.bin")) {
                    assertThat(digest).as("the previous version or the new one, never a part")
                            .isIn(expected.get(path), previous + " " + MTIME.minusSeconds(3600).getEpochSecond());
                } else if (!TempNames.isTemporary(RelativePath.name(path))) {
                    assertThat(digest).as("no half file under a real name: " + path).isEqualTo(expected.get(path));
                }
            });

            assertThat(run("mount", "-o", "remount,size=64m", sink.toString())).isZero();
            StandaloneJar.Result again = runOnce(once(WORK.resolve("data-full")));

            assertThat(again.exit()).as(again.output()).isZero();
            assertThat(realFiles(sink)).isEqualTo(expected);
        } finally {
            run("umount", sink.toString());
        }
    }

    @Test
    void theBrokerRestartedMidRunLosesNoFile() throws Exception {
        SplittableRandom random = new SplittableRandom(32);
        for (int i = 0; i < 300; i++) {
            TreeFixture.write(servers.sourceRoot(), "broker/" + (i % 6) + "/s" + i + ".bin", 20_000 + random.nextInt(40_000),
                    MTIME, random);
        }
        TestFiles.random(servers.sourceRoot().resolve("broker/large.bin"), 48 * MiB, 33, MTIME);
        int kafkaPort = LocalResources.freePort();
        Path brokerLog = WORK.resolve("broker-restart-kafka");
        LocalResources.deleteTree(brokerLog);
        KraftBroker broker = KraftBroker.start(brokerLog, kafkaPort);
        List<String> command = continuous(WORK.resolve("data-broker"));
        command.add("--spring.kafka.bootstrap-servers=127.0.0.1:" + kafkaPort);
        Path log = WORK.resolve("broker-restart.log");
        Process sync = StandaloneJar.startLogged(command, WORK, log);
        try {
            awaitOrFail(() -> count(servers.sinkRoot().resolve("broker")) >= 30, sync, log, "first files copied");
            broker.close();
            Thread.sleep(5_000);
            broker = KraftBroker.start(brokerLog, kafkaPort);

            awaitOrFail(() -> sameTree("broker"), sync, log, "every file at the sink after the broker restarted");
        } finally {
            StandaloneJar.stop(sync);
            broker.close();
        }
    }

    @Test
    void theDatabaseRestartedMidLargeTransferLosesNothingAndTheCopyCompletes() throws Exception {
        String path = "database/big.bin";
        Path local = TestFiles.random(servers.sourceRoot().resolve(path), 192 * MiB, 34, MTIME);
        int pgPort = LocalResources.freePort();
        Path pgData = WORK.resolve("database-restart-pg");
        LocalResources.deleteTree(pgData);
        EmbeddedPostgres pg = postgres(pgData, pgPort);
        List<String> command = continuous(WORK.resolve("data-database"));
        command.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "--spring.datasource.username=postgres"));
        StandaloneJar.set(command, "--sync.large.chunk-size", "16MB");
        Path log = WORK.resolve("database-restart.log");
        Process sync = StandaloneJar.startLogged(command, WORK, log);
        try {
            awaitOrFail(() -> temporaryBytes("database") >= 48 * MiB, sync, log, "a third of the large file written");
            pg.close();
            Thread.sleep(5_000);
            pg = postgres(pgData, pgPort);

            awaitOrFail(() -> sameTree("database"), sync, log, "the large file at the sink after the database restarted");
        } finally {
            StandaloneJar.stop(sync);
            pg.close();
        }
        assertThat(TestFiles.sha256(servers.sinkRoot().resolve(path))).isEqualTo(TestFiles.sha256(local));
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private List<String> once(Path data) {
        List<String> command = StandaloneJar.withPasswords(StandaloneJar.command(servers, "once", data), servers);
        command.addAll(List.of("--sync.thresholds.small=1MB", "--sync.thresholds.large=8MB",
                "--sync.thresholds.max=4GB", "--sync.transfer.max-attempts=2", "--sync.large.max-attempts=2",
                "--sync.large.backoff=1s", "--sync.large.chunk-size=4MB", "--sync.standalone.once-timeout=3m"));
        return command;
    }

    /** Continuous mode scanning every few seconds, so whatever an outage failed is queued again. */
    private List<String> continuous(Path data) throws IOException {
        LocalResources.deleteTree(data);
        List<String> command = once(data);
        StandaloneJar.set(command, "--sync.mode", "continuous");
        StandaloneJar.set(command, "--sync.scan.cron", "-");
        StandaloneJar.set(command, "--sync.scan.interval", "5s");
        return StandaloneJar.set(command, "--server.port", String.valueOf(LocalResources.freePort()));
    }

    private static StandaloneJar.Result runOnce(List<String> command) throws Exception {
        return StandaloneJar.finish(StandaloneJar.start(command, WORK));
    }

    private static boolean sameTree(String dir) {
        try {
            return realFiles(servers.sinkRoot().resolve(dir)).equals(TreeFixture.snapshot(servers.sourceRoot().resolve(dir)));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // a temporary renamed or removed while the tree was read
        }
    }

    /** The tree's files other than the copies' temporaries. */
    private static Map<String, String> realFiles(Path root) throws IOException {
        Map<String, String> files = TreeFixture.snapshot(root);
        files.keySet().removeIf(p -> TempNames.isTemporary(RelativePath.name(p)));
        return files;
    }

    private static long temporaryBytes(String dir) {
        try (Stream<Path> files = Files.list(servers.sinkRoot().resolve(dir))) {
            return files.filter(p -> TempNames.isTemporary(p.getFileName().toString()))
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long count(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static void awaitOrFail(BooleanSupplier condition, Process process, Path log, String what)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached: " + what + (process.isAlive() ? "" : " (the process ended)")
                        + "\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private static int uid(Path dir) throws IOException {
        return (Integer) Files.getAttribute(dir, "unix:uid");
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.out);
        return p.waitFor(1, TimeUnit.MINUTES) ? p.exitValue() : -1;
    }
}
