package io.sftpsync.core.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.server.InProcessSftpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.kex.KexProposalOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpPoolTest {

    @TempDir
    static Path dir;
    static InProcessSftpServer server;
    static SftpConnector connector;

    @BeforeAll
    static void start() throws IOException {
        server = InProcessSftpServer.builder(dir.resolve("root")).maxRequest(64 * 1024).start();
        Path knownHosts = dir.resolve("known_hosts");
        server.writeKnownHosts(knownHosts);
        connector = new SftpConnector(knownHosts, HostKeyPolicy.STRICT);
        Files.createDirectories(server.root().resolve("home/data"));
    }

    @AfterAll
    static void stop() throws IOException {
        connector.close();
        server.close();
    }

    @Test
    void sixteenThreadsShareAtMostFourChannelsOnTwoConnections() throws Exception {
        server.resetCounters();
        AtomicInteger inWork = new AtomicInteger();
        AtomicInteger mostInWork = new AtomicInteger();
        try (SftpPool pool = connector.pool(server.endpoint("source", "/home/data"),
                SftpTuning.DEFAULT.withPool(2, 2))) {
            ExecutorService threads = Executors.newFixedThreadPool(16);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(threads.submit(() -> pool.call(s -> {
                    mostInWork.accumulateAndGet(inWork.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(30);
                        return s.client().canonicalPath(s.basePath());
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        inWork.decrementAndGet();
                    }
                })));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("/home/data");
            }
            threads.shutdown();
        }
        assertThat(mostInWork.get()).isBetween(2, 4);
        assertThat(server.maxOpenChannels()).isLessThanOrEqualTo(4);
        assertThat(server.maxOpenSessions()).isLessThanOrEqualTo(2);
    }

    @Test
    void requestsStayWithinTheServersLimitsAndTheBasePathIsAbsolute() throws IOException {
        try (SftpPool pool = connector.pool(server.endpoint("source", "home/data"), SftpTuning.DEFAULT)) {
            assertThat(pool.bufferSize()).isEqualTo(SftpTuning.DEFAULT.bufferSize());

            assertThat(pool.basePath()).isEqualTo("/home/data");
            assertThat(pool.bufferSize()).isEqualTo(64 * 1024);
        }
    }

    @Test
    void compressionIsNegotiatedPerPool() throws IOException {
        try (SftpPool plain = connector.pool(server.endpoint("source", "/"), SftpTuning.DEFAULT);
             SftpPool zipped = connector.pool(server.endpoint("source", "/"), SftpTuning.DEFAULT.withCompression(true))) {
            assertThat(compression(plain)).isEqualTo("none");
            assertThat(compression(zipped)).isEqualTo("zlib@openssh.com");
            String cipher = plain.call(s -> s.client().getSession().getNegotiatedKexParameter(KexProposalOption.C2SENC));
            assertThat(cipher).isEqualTo("aes128-gcm@openssh.com");
        }
    }

    @Test
    void reconnectsAfterTheServerRestarts() throws IOException {
        try (SftpPool pool = connector.pool(server.endpoint("source", "/"), SftpTuning.DEFAULT.withPool(1, 1))) {
            String before = pool.call(s -> s.client().canonicalPath("."));
            assertThat(before).isEqualTo("/");

            server.stop();
            server.start();

            // The one pooled channel died with its connection; a call either finds it dead and reconnects, or
            // fails on it and discards it, after which the next call reconnects.
            String home;
            try {
                home = pool.call(s -> s.client().canonicalPath("."));
            } catch (IOException e) {
                assertThat(TransferErrors.isTransient(e)).as(TransferErrors.describe(e)).isTrue();
                home = pool.call(s -> s.client().canonicalPath("."));
            }
            assertThat(home).isEqualTo("/");
        }
    }

    @Test
    void aClosedPoolRefusesWork() {
        SftpPool pool = connector.pool(server.endpoint("source", "/"), SftpTuning.DEFAULT);
        pool.close();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> pool.call(s -> null)))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    private static String compression(SftpPool pool) throws IOException {
        return pool.call(s -> s.client().getSession().getNegotiatedKexParameter(KexProposalOption.C2SCOMP));
    }
}
