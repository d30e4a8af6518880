package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large files between two real OpenSSH servers, with the packaged jar killed with -9 (or stopped with SIGTERM) in
 * the middle of a file: a new JVM on the same data directory (its embedded broker's log and embedded PostgreSQL,
 * both left behind by the kill) continues from the first one's checkpoints.
 */
class LargeResumeOpenSshIT {

    static final long MiB = 1024 * 1024;
    static final long CHUNK = 32 * MiB;
    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-large");
    static final Instant MTIME = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    static OpenSshPair servers;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        servers = OpenSshPair.shared().tree("large");
    }

    @Test
    void aKilledJvmsTransferIsResumedByTheNextRunAtAPieceBoundaryAndItsSummaryCountsWhatItSent() throws Exception {
        String path = "kill/big file.bin";
        long size = 256 * MiB + 4321;
        Path local = TestFiles.random(servers.sourceRoot().resolve(path), size, 25, MTIME);
        Path data = freshDataDir("data-kill");
        int kafkaPort = LocalResources.freePort();
        long writtenBeforeKill = killMidFile(path, size, data, kafkaPort, LocalResources.freePort());

        StandaloneJar.Result r = StandaloneJar.finish(StandaloneJar.start(
                StandaloneJar.set(once(data), "--sync.standalone.kafka-port", String.valueOf(kafkaPort)), WORK));

        assertThat(r.exit()).as(r.output()).isZero();
        Matcher resumed = Pattern.compile("SUCCEEDED " + Pattern.quote(path)
                + ": \\d+ attempt\\(s\\), resumed from (\\d+) bytes, (\\d+) bytes sent").matcher(r.output());
        assertThat(resumed.find()).as(r.output()).isTrue();
        long resumedFrom = Long.parseLong(resumed.group(1));
        long sent = Long.parseLong(resumed.group(2));
        assertThat(resumedFrom).as("resumed, not started over").isGreaterThan(0);
        assertThat(resumedFrom % (CHUNK / 8)).as("at a durable piece boundary").isZero();
        assertThat(writtenBeforeKill - resumedFrom).as("bytes sent twice").isBetween(0L, 2 * CHUNK - 1);
        assertThat(sent).isEqualTo(size - resumedFrom);
        // Before, the resumed copy answered the killed run's event and the summary said "moved 0 files, 0 bytes".
        assertThat(r.output()).contains("moved 1 files, " + sent + " bytes");
        assertThat(TestFiles.sha256(servers.sinkRoot().resolve(path))).isEqualTo(TestFiles.sha256(local));
        assertThat(TestFiles.mtime(servers.sinkRoot().resolve(path))).isEqualTo(MTIME);
        assertThat(temporaries(servers.sinkRoot().resolve("kill"))).isEmpty();
    }

    @Test
    void aJvmStoppedWithSigtermMidFileReportsNoFailureAndTheNextResumesIt() throws Exception {
        String path = "sigterm/big file.bin";
        long size = 256 * MiB + 99;
        Path local = TestFiles.random(servers.sourceRoot().resolve(path), size, 25, MTIME);
        Path data = freshDataDir("data-sigterm");
        int kafkaPort = LocalResources.freePort();
        int httpPort = LocalResources.freePort();
        List<String> command = once(data);
        StandaloneJar.set(command, "--sync.standalone.kafka-port", String.valueOf(kafkaPort));
        StandaloneJar.set(command, "--server.port", String.valueOf(httpPort));
        command.add("--sync.large.shutdown-grace=1s");
        Path firstLog = WORK.resolve("sigterm-" + RelativePath.name(path) + ".log");
        Process first = StandaloneJar.startLogged(command, WORK, firstLog);
        try {
            awaitWritten(path, size / 3, first);
        } catch (AssertionError e) {
            first.destroyForcibly();
            throw new AssertionError(e.getMessage() + "\n" + Files.readString(firstLog), e);
        }
        first.destroy();
        assertThat(first.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).as("stopped by SIGTERM").isTrue();

        Path log = WORK.resolve("after-sigterm-" + RelativePath.name(path) + ".log");
        Process second = StandaloneJar.startLogged(continuous(data, kafkaPort, httpPort), WORK, log);
        try (TopicReader results = TopicReader.fromBeginning("127.0.0.1:" + kafkaPort, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, path, r -> r.status() == TransferStatus.SUCCEEDED);

            assertThat(result.resumedFrom()).as("resumed, not started over").isGreaterThan(0);
            assertThat(results.drain(Duration.ofSeconds(2)).stream().filter(r -> r.key().equals(path))
                    .map(r -> EventCodec.decode(r.value(), TransferResult.class).status()))
                    .as("the stop was not reported as a failure").containsExactly(TransferStatus.SUCCEEDED);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + Files.readString(firstLog) + "\n"
                    + Files.readString(log), e);
        } finally {
            StandaloneJar.stop(second);
        }
        assertThat(TestFiles.sha256(servers.sinkRoot().resolve(path))).isEqualTo(TestFiles.sha256(local));
        assertThat(temporaries(servers.sinkRoot().resolve("sigterm"))).isEmpty();
    }

    @Test
    void aSourceRewrittenWithTheSameSizeAndMtimeBetweenTheKillAndTheRestartIsCopiedFromTheStart() throws Exception {
        String path = "rewritten/big.bin";
        long size = 128 * MiB;
        TestFiles.random(servers.sourceRoot().resolve(path), size, 25, MTIME);
        Path data = freshDataDir("data-rewritten");
        int kafkaPort = LocalResources.freePort();
        int httpPort = LocalResources.freePort();
        killMidFile(path, size, data, kafkaPort, httpPort);
        // What cp -p or rsync -t leaves: other bytes, the same size and the same mtime, so the redelivered event
        // still matches the source and only its content tells the versions apart.
        Path local = TestFiles.random(servers.sourceRoot().resolve(path), size, 26, MTIME);

        Path log = WORK.resolve("resumed-" + RelativePath.name(path) + ".log");
        Process second = StandaloneJar.startLogged(continuous(data, kafkaPort, httpPort), WORK, log);
        try (TopicReader results = resultsOnceTheBrokerIsUp(kafkaPort, second)) {
            TransferResult result = awaitResult(results, path, r -> true);

            assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.resumedFrom()).isZero();
            assertThat(result.bytes()).isEqualTo(size);
            assertThat(result.error()).isEqualTo("started over: the source changed since the interrupted attempt "
                    + "(same size and mtime, other content)");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + Files.readString(log), e);
        } finally {
            StandaloneJar.stop(second);
        }
        assertThat(TestFiles.sha256(servers.sinkRoot().resolve(path))).isEqualTo(TestFiles.sha256(local));
        assertThat(TestFiles.mtime(servers.sinkRoot().resolve(path))).isEqualTo(MTIME);
        assertThat(temporaries(servers.sinkRoot().resolve("rewritten"))).isEmpty();
    }

    @Test
    void theSinkSshdRestartedMidTransferIsRetriedResumedAndCompleted() throws Exception {
        String path = "restart/big.bin";
        long size = 256 * MiB + 1;
        Path local = TestFiles.random(servers.sourceRoot().resolve(path), size, 24, MTIME);
        List<String> command = once(freshDataDir("data-restart"));
        Process run = StandaloneJar.start(command, WORK);
        awaitWritten(path, size / 4, run);
        servers.run("restart", "sink");

        StandaloneJar.Result r = StandaloneJar.finish(run);

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCEEDED").contains("resumed from");
        assertThat(TestFiles.sha256(servers.sinkRoot().resolve(path))).isEqualTo(TestFiles.sha256(local));
        assertThat(temporaries(servers.sinkRoot().resolve("restart"))).isEmpty();
    }

    /** Runs the once mode until about half the file is at the sink, kills it, and returns the bytes it wrote. */
    private long killMidFile(String path, long size, Path data, int kafkaPort, int httpPort) throws Exception {
        List<String> command = once(data);
        StandaloneJar.set(command, "--sync.standalone.kafka-port", String.valueOf(kafkaPort));
        StandaloneJar.set(command, "--server.port", String.valueOf(httpPort));
        Path log = WORK.resolve("killed-" + RelativePath.name(path) + ".log");
        Process first = StandaloneJar.startLogged(command, WORK, log);
        Path temporary;
        try {
            temporary = awaitWritten(path, size / 2, first);
        } catch (AssertionError e) {
            first.destroyForcibly();
            throw new AssertionError(e.getMessage() + "\n" + Files.readString(log), e);
        }
        first.destroyForcibly();
        first.waitFor();
        // sshd closes the file when it sees the connection go; its allocated blocks are what was written.
        Thread.sleep(1_000);
        long written = allocatedBytes(temporary);
        assertThat(written).as("killed mid-file").isLessThan(size);
        return written;
    }

    private List<String> once(Path data) {
        List<String> command = StandaloneJar.withPasswords(StandaloneJar.command(servers, "once", data), servers);
        command.addAll(List.of("--sync.thresholds.small=1MB", "--sync.thresholds.large=8MB",
                "--sync.thresholds.max=4GB", "--sync.large.chunk-size=" + CHUNK / MiB + "MB",
                "--sync.large.backoff=1s", "--sync.standalone.once-timeout=5m"));
        return command;
    }

    private List<String> continuous(Path data, int kafkaPort, int httpPort) {
        List<String> command = once(data);
        StandaloneJar.set(command, "--sync.mode", "continuous");
        StandaloneJar.set(command, "--sync.scan.cron", "-");
        StandaloneJar.set(command, "--sync.standalone.kafka-port", String.valueOf(kafkaPort));
        command.addAll(List.of("--sync.security.users[0].username=ops",
                "--sync.security.users[0].password={noop}ops-password", "--sync.security.users[0].roles=operator"));
        return StandaloneJar.set(command, "--server.port", String.valueOf(httpPort));
    }

    /** Waits until the sink's temporary of a file holds at least {@code bytes}; returns its path. */
    private static Path awaitWritten(String path, long bytes, Process run) throws Exception {
        // Start-up alone (broker, PostgreSQL, Hibernate) took over 3 minutes on a loaded 2-core machine.
        Path dir = servers.sinkRoot().resolve(RelativePath.parent(path));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
        while (Instant.now().isBefore(deadline)) {
            assertThat(run.isAlive()).as("still running").isTrue();
            Optional<Path> temp = temporaries(dir).stream().findFirst();
            if (temp.isPresent() && allocatedBytes(temp.get()) >= bytes) {
                return temp.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no temporary of " + path + " with " + bytes + " bytes");
    }

    private static TransferResult awaitResult(TopicReader results, String path,
            java.util.function.Predicate<TransferResult> wanted) {
        return results.await(1, r -> r.key().equals(path)
                && wanted.test(EventCodec.decode(r.value(), TransferResult.class)), Duration.ofMinutes(6))
                .stream().map(r -> EventCodec.decode(r.value(), TransferResult.class)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + path));
    }

    /**
     * Reads the results topic from the beginning once the process's embedded broker answers: its start-up took
     * longer than a reader's 60 s metadata wait on a loaded machine.
     */
    private static TopicReader resultsOnceTheBrokerIsUp(int kafkaPort, Process run) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        while (true) {
            try {
                return TopicReader.fromBeginning("127.0.0.1:" + kafkaPort, Topics.RESULTS);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                assertThat(run.isAlive()).as("still running").isTrue();
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
        }
    }

    /** A data directory of its own for a test, empty: no broker log or database of an earlier run. */
    private static Path freshDataDir(String name) throws IOException {
        Path dir = WORK.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        return dir;
    }

    /** Bytes of disk a sparse file really holds: what was written into it, in 4 KiB blocks. */
    private static long allocatedBytes(Path file) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
        String[] out = new String(stat.getInputStream().readAllBytes()).trim().split(" ");
        stat.waitFor();
        return out.length == 2 ? Long.parseLong(out[0]) * Long.parseLong(out[1]) : 0;
    }

    private static List<Path> temporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> TempNames.isTemporary(p.getFileName().toString())).toList();
        }
    }
}
