package io.sftpsync.standalone;

import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.scanner.scan.ScanRequest;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The standalone process's one in-JVM test context, shared by the integration test classes that run every service
 * in this JVM (Spring caches it by configuration, so they must not add any of their own): the whole process on a
 * random port, a real in-process broker, the embedded PostgreSQL, a pair of SFTP servers (base paths {@code /data}
 * and {@code /mirror}) and a data directory that live as long as the JVM, scaled-down size classes (small below
 * 8 KB, large from 64 KB, oversized above 256 KB), symbolic links followed, and the users ops (operator) and watcher
 * (viewer).
 *
 * <p>Each class keeps to a directory of its own below both base paths ({@link #sourceDir}, {@link #sinkDir}) and
 * scans only that ({@link #scan}), so its counts, trees and results are its own whichever class ran before it.
 */
@SpringBootTest(classes = SftpSyncApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBroker(partitions = 3)
public abstract class StandaloneContext {

    /** Started once: the cached context outlives the test class that started it. */
    private static final class Shared {
        static final Path DIR;
        static final SftpPair SERVERS;

        static {
            try {
                DIR = Files.createTempDirectory("standalone-it-");
                SERVERS = new SftpPair().basePaths("/data", "/mirror").startIn(DIR.resolve("sftp"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    SERVERS.close();
                } catch (IOException e) {
                    // the JVM ends anyway
                }
            }));
        }
    }

    @Autowired
    protected Scanner scanner;

    /** The context's broker, for the test's own clients. */
    protected String brokers;

    @LocalServerPort
    protected int httpPort;

    /**
     * Read from the context's broker bean, not from {@code spring.embedded.kafka.brokers}: that is a system property,
     * which a class with a broker of its own (ResultCollectorIT) sets to its broker's address and leaves behind.
     */
    @Autowired
    void broker(EmbeddedKafkaBroker broker) {
        brokers = broker.getBrokersAsString();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, Shared.SERVERS, "/data", "/mirror");
        r.add("sync.thresholds.small", () -> "8KB");
        r.add("sync.thresholds.large", () -> "64KB");
        r.add("sync.thresholds.max", () -> "256KB");
        r.add("sync.scan.cron", () -> "-");
        r.add("sync.scan.min-age", () -> "0s");
        // For SymlinkIT; the other classes' trees hold no links.
        r.add("sync.scan.follow-symlinks", () -> "true");
        r.add("sync.transfer.max-attempts", () -> "2");
        r.add("sync.transfer.backoff", () -> "50ms");
        r.add("sync.transfer.batch-size", () -> "25");
        r.add("sync.verify.classes.medium", () -> "checksum");
        r.add("sync.transfer.compression.medium", () -> "true");
        r.add("sync.topics.lag-interval", () -> "1s");
        r.add("sync.data-dir", () -> Shared.DIR.resolve("data").toString());
        r.add("sync.security.users[0].username", () -> "ops");
        r.add("sync.security.users[0].password", () -> "{noop}ops-password");
        r.add("sync.security.users[0].roles", () -> "operator");
        r.add("sync.security.users[1].username", () -> "watcher");
        r.add("sync.security.users[1].password", () -> "{noop}watcher-password");
        r.add("sync.security.users[1].roles", () -> "viewer");
    }

    /** The directory every test class's data lives below, beside the context's own data directory. */
    protected static Path dir() {
        return Shared.DIR;
    }

    protected static InProcessSftpServer source() {
        return Shared.SERVERS.sourceServer();
    }

    protected static InProcessSftpServer sink() {
        return Shared.SERVERS.sinkServer();
    }

    /** A class's directory below the source's base path, as a local path. */
    protected static Path sourceDir(String subtree) {
        return source().root().resolve("data").resolve(subtree);
    }

    /** A class's directory below the sink's base path, as a local path. */
    protected static Path sinkDir(String subtree) {
        return sink().root().resolve("mirror").resolve(subtree);
    }

    /** Scans one class's directory (a subtree scan, as {@code POST /api/scans?subtree=} runs it) now. */
    protected ScanReport scan(String subtree, boolean dryRun) {
        return scanner.scan(new ScanRequest("test", dryRun, subtree, null));
    }
}
