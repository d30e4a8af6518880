package io.sftpsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A source and a sink server with a pool on each, as the copy tests use them: the source's base path is
 * "/data", the sink's "/backup/data", which does not exist yet, so the first copy creates it.
 */
public final class SftpPair implements AutoCloseable {

    public final InProcessSftpServer sourceServer;
    public final InProcessSftpServer sinkServer;
    public final SftpConnector connector;
    public final SftpPool source;
    public final SftpPool sink;

    private SftpPair(InProcessSftpServer sourceServer, InProcessSftpServer sinkServer, SftpConnector connector) {
        this.sourceServer = sourceServer;
        this.sinkServer = sinkServer;
        this.connector = connector;
        this.source = connector.pool(sourceServer.endpoint("source", "/data"), SftpTuning.DEFAULT.withPool(2, 2));
        this.sink = connector.pool(sinkServer.endpoint("sink", "/backup/data"), SftpTuning.DEFAULT.withPool(2, 2));
    }

    /** Starts both servers with their roots below a directory. */
    public static SftpPair start(Path dir) throws IOException {
        InProcessSftpServer sourceServer = InProcessSftpServer.builder(dir.resolve("source")).user("src", "src-secret").start();
        InProcessSftpServer sinkServer = InProcessSftpServer.builder(dir.resolve("sink")).user("dst", "dst-secret").start();
        Path knownHosts = dir.resolve("known_hosts");
        sourceServer.writeKnownHosts(knownHosts);
        sinkServer.writeKnownHosts(knownHosts);
        Files.createDirectories(sourceServer.root().resolve("data"));
        return new SftpPair(sourceServer, sinkServer, new SftpConnector(knownHosts, HostKeyPolicy.STRICT));
    }

    /** A file below the source's base path, as a local path. */
    public Path sourceData(String relative) {
        return sourceServer.root().resolve("data").resolve(relative);
    }

    /** A file below the sink's base path, as a local path. */
    public Path sinkData(String relative) {
        return sinkServer.root().resolve("backup/data").resolve(relative);
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
        connector.close();
        sourceServer.close();
        sinkServer.close();
    }
}
