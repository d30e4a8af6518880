package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpEndpoint;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two OpenSSH servers as strict as some hosting providers' ({@code MaxSessions 2}: two channels per connection;
 * {@code MaxStartups 2}: connections beyond two unauthenticated ones are dropped), met with the default pool of 4
 * connections of 4 channels: the pools learn the servers' limits from their refusals and every copy succeeds.
 */
class StrictServerOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-strict");
    static OpenSshPair servers;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        servers = OpenSshPair.start(StandaloneJar.ROOT, WORK.resolve("sftp"), "--max-sessions", "2",
                "--max-startups", "2");
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void sixteenCopiesAtOnceThroughDefaultPoolsAllSucceedOnTheServersLimits() throws Exception {
        Path source = servers.sourceRoot().resolve("pools");
        int n = 48;
        for (int i = 0; i < n; i++) {
            TreeFixture.write(source, "f" + i + ".bin", i % 4 == 0 ? 600_000 : 20_000 + i, TreeFixture.YESTERDAY,
                    new SplittableRandom(i));
        }
        FileCopier copier = new FileCopier();
        ExecutorService sixteen = Executors.newFixedThreadPool(16);
        try (SftpConnector connector = new SftpConnector(Path.of(servers.get("KNOWN_HOSTS")), HostKeyPolicy.STRICT);
                SftpPool from = connector.pool(endpoint("source", "/upload/pools"), SftpTuning.DEFAULT);
                SftpPool to = connector.pool(endpoint("sink", "/upload/pools"), SftpTuning.DEFAULT)) {
            List<Future<?>> copies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = "f" + i + ".bin";
                long size = Files.size(source.resolve(name));
                Instant mtime = Files.getLastModifiedTime(source.resolve(name)).toInstant();
                copies.add(sixteen.submit(() -> copier.copy(from, to, name, size, mtime)));
            }
            for (Future<?> copy : copies) {
                copy.get();
            }
            assertThat(from.limits()).isEqualTo(new SftpPool.Limits(4, 2));
            assertThat(to.limits()).isEqualTo(new SftpPool.Limits(4, 2));
        } finally {
            sixteen.shutdownNow();
        }
        Map<String, String> expected = TreeFixture.snapshot(source);
        assertThat(TreeFixture.snapshot(servers.sinkRoot().resolve("pools"))).isEqualTo(expected).hasSize(n);
    }

    @Test
    void aOnceSyncAskingForMoreChannelsThanTheServersAllowCompletesWithoutErrors() throws Exception {
        Path source = servers.sourceRoot().resolve("once");
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 150; i++) {
            TreeFixture.write(source, "d" + (i % 12) + "/f" + i + ".dat", 1 + random.nextInt(60_000),
                    TreeFixture.YESTERDAY, random);
        }
        for (int i = 0; i < 4; i++) {
            TreeFixture.write(source, "big/b" + i + ".bin", 3_000_000 + i, TreeFixture.YESTERDAY, random);
        }
        Path data = Files.createTempDirectory(WORK, "data-");
        List<String> command = StandaloneJar.command(servers, "once", data);
        StandaloneJar.set(command, "--sync.source.base-path", "/upload/once");
        StandaloneJar.set(command, "--sync.sink.base-path", "/upload/once");
        command.add("--sync.known-hosts=" + servers.get("KNOWN_HOSTS"));
        // Eight copies at once on two connections of four channels: more than the two per connection the servers
        // allow.
        command.addAll(List.of("--sync.sftp.sessions=2", "--sync.transfer.concurrency=8"));
        ProcessBuilder builder = StandaloneJar.builder(command, WORK).redirectErrorStream(true);
        // Passwords by environment, never on a command line.
        builder.environment().put("SYNC_SOURCE_PASSWORD", servers.get("SOURCE_PASSWORD"));
        builder.environment().put("SYNC_SINK_PASSWORD", servers.get("SINK_PASSWORD"));

        StandaloneJar.Result run = StandaloneJar.finish(builder.start());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("exit 0: everything synced").doesNotContain("FAILED");
        assertThat(TreeFixture.snapshot(servers.sinkRoot().resolve("once"))).isEqualTo(TreeFixture.snapshot(source))
                .hasSize(154);
        String log = Files.readString(data.resolve("logs/sftp-sync.log"));
        assertThat(log).contains("the server refused channel 3 on one connection: using at most 2 channels per"
                + " connection on up to 2 connection(s)");
    }

    private static SftpEndpoint endpoint(String name, String base) {
        String prefix = name.toUpperCase();
        return new SftpEndpoint(name, "127.0.0.1", Integer.parseInt(servers.get(prefix + "_PORT")),
                servers.get(prefix + "_USER"), servers.get(prefix + "_PASSWORD"), null, null, base);
    }
}
