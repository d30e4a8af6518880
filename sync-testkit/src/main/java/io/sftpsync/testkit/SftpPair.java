package io.sftpsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.server.InProcessSftpServerBuilder;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A source and a sink server (in-process, users "src" and "dst"), one known_hosts file trusting both, and a pool
 * on each: what every copy test stands on. By default the source's base path is "/data" (created) and the
 * sink's "/backup/data" (not created, so the first copy makes it).
 *
 * <p>As a JUnit 5 extension it runs for the whole class when registered on a static field, or for each test
 * when registered on an instance field, in a directory of its own that it removes afterwards:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SftpPair servers = new SftpPair();
 * ... copier.copy(servers.source(), servers.sink(), ...) ...
 * }</pre>
 *
 * {@link #start(Path)} starts one by hand, for a test that needs a pair of its own.
 */
public final class SftpPair implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private String sourceBase = "/data";
    private String sinkBase = "/backup/data";
    private SftpTuning tuning = SftpTuning.DEFAULT.withPool(2, 2);
    private UnaryOperator<InProcessSftpServerBuilder> sinkOptions = UnaryOperator.identity();
    private Path dir;
    private boolean ownsDir;
    private boolean perTest;
    private InProcessSftpServer sourceServer;
    private InProcessSftpServer sinkServer;
    private SftpConnector connector;
    private SftpPool source;
    private SftpPool sink;

    /** Starts a pair with the defaults, its servers' roots below a directory. */
    public static SftpPair start(Path dir) throws IOException {
        return new SftpPair().startIn(dir);
    }

    /** The base paths of the two pools; the source's is created. */
    public SftpPair basePaths(String source, String sink) {
        this.sourceBase = source;
        this.sinkBase = sink;
        return this;
    }

    /** The pools' tuning; 2 connections of 2 channels unless set. */
    public SftpPair tuning(SftpTuning tuning) {
        this.tuning = tuning;
        return this;
    }

    /** Configures the sink server further, e.g. {@code b -> b.withoutFsync()}. */
    public SftpPair sinkOptions(UnaryOperator<InProcessSftpServerBuilder> options) {
        this.sinkOptions = options;
        return this;
    }

    /** Starts both servers with their roots below {@code dir}, and the pools. */
    public SftpPair startIn(Path dir) throws IOException {
        this.dir = dir;
        sourceServer = InProcessSftpServer.builder(dir.resolve("source")).user("src", "src-secret").start();
        sinkServer = sinkOptions.apply(InProcessSftpServer.builder(dir.resolve("sink")).user("dst", "dst-secret"))
                .start();
        Path knownHosts = knownHosts();
        sourceServer.writeKnownHosts(knownHosts);
        sinkServer.writeKnownHosts(knownHosts);
        Files.createDirectories(local(sourceServer, sourceBase));
        connector = new SftpConnector(knownHosts, HostKeyPolicy.STRICT);
        source = connector.pool(sourceServer.endpoint("source", sourceBase), tuning);
        sink = connector.pool(sinkServer.endpoint("sink", sinkBase), tuning);
        return this;
    }

    public InProcessSftpServer sourceServer() {
        return running(sourceServer);
    }

    public InProcessSftpServer sinkServer() {
        return running(sinkServer);
    }

    public SftpConnector connector() {
        return running(connector);
    }

    public SftpPool source() {
        return running(source);
    }

    public SftpPool sink() {
        return running(sink);
    }

    /** The known_hosts file trusting both servers. */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** A file below the source's base path, as a local path. */
    public Path sourceData(String relative) {
        return local(sourceServer(), sourceBase).resolve(relative);
    }

    /** A file below the sink's base path, as a local path. */
    public Path sinkData(String relative) {
        return local(sinkServer(), sinkBase).resolve(relative);
    }

    /** One copy from the source to the sink, as a test makes it. */
    @FunctionalInterface
    public interface CopyCall {
        void copy(String relativePath, long expectedSize, Instant expectedMtime) throws IOException;
    }

    /**
     * Checks that a copy refuses a source whose size or mtime is not what the scan saw, before it writes anything
     * at the sink, not even a directory.
     */
    public void assertRefusesAChangedSource(CopyCall call) throws IOException {
        Instant mtime = Instant.parse("2024-03-01T10:15:30Z");
        TestFiles.random(sourceData("changed/file.bin"), 1000, 7, mtime);

        assertThatThrownBy(() -> call.copy("changed/file.bin", 999, mtime))
                .isInstanceOf(SourceChangedException.class).hasMessageContaining("size 999 -> 1000");
        assertThatThrownBy(() -> call.copy("changed/file.bin", 1000, mtime.plusSeconds(60)))
                .isInstanceOf(SourceChangedException.class).hasMessageContaining("mtime");

        assertThat(sinkData("changed")).doesNotExist();
    }

    @Override
    public void close() throws IOException {
        if (connector != null) {
            connector.close();
            sourceServer.close();
            sinkServer.close();
            connector = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        startOwnDir();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        // An instance field's extension is not known before the first test: it runs per test.
        if (connector == null) {
            perTest = true;
            startOwnDir();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (perTest) {
            closeOwnDir();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        closeOwnDir();
    }

    private void startOwnDir() throws IOException {
        ownsDir = true;
        startIn(Files.createTempDirectory("sftp-pair-"));
    }

    private void closeOwnDir() throws IOException {
        close();
        if (ownsDir && dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            dir = null;
        }
    }

    private static Path local(InProcessSftpServer server, String basePath) {
        return server.root().resolve(basePath.replaceFirst("^/+", ""));
    }

    private <T> T running(T part) {
        if (part == null || connector == null) {
            throw new IllegalStateException("the SFTP pair is not running");
        }
        return part;
    }
}
