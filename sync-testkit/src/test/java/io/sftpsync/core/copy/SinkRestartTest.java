package io.sftpsync.core.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkRestartTest {

    static final Instant MTIME = Instant.parse("2024-05-06T07:08:09Z");
    static final long SIZE = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aSinkThatStopsMidCopyLeavesNoFileUnderTheRealNameAndTheNextCopyReconnects() throws Exception {
        try (InProcessSftpServer sourceServer = InProcessSftpServer.builder(dir.resolve("source")).start();
             InProcessSftpServer sinkServer = InProcessSftpServer.builder(dir.resolve("sink")).start()) {
            Path knownHosts = dir.resolve("known_hosts");
            sourceServer.writeKnownHosts(knownHosts);
            sinkServer.writeKnownHosts(knownHosts);
            Path local = TestFiles.random(sourceServer.root().resolve("big/file.bin"), SIZE, 42, MTIME);
            Path target = sinkServer.root().resolve("big/file.bin");
            FileCopier copier = new FileCopier();
            try (SftpConnector connector = new SftpConnector(knownHosts, HostKeyPolicy.STRICT)) {
                SftpPool source = connector.pool(sourceServer.endpoint("source", "/"), SftpTuning.DEFAULT);
                SftpPool sink = connector.pool(sinkServer.endpoint("sink", "/"), SftpTuning.DEFAULT);

                CompletableFuture<Boolean> stopper = CompletableFuture.supplyAsync(
                        () -> TestFiles.interruptOnceWriting(sinkServer.root(), "", 4L << 20, sinkServer::stop));
                Throwable failure = null;
                try {
                    copier.copy(source, sink, "big/file.bin", SIZE, MTIME);
                } catch (IOException e) {
                    failure = e;
                }
                assertThat(stopper.get(30, TimeUnit.SECONDS)).as("stopped the sink mid-copy").isTrue();
                assertThat(failure).isInstanceOf(IOException.class);
                assertThat(TransferErrors.isTransient(failure)).as(TransferErrors.describe(failure)).isTrue();

                sinkServer.start();
                assertThat(target).doesNotExist();

                CopyOutcome outcome = copier.copy(source, sink, "big/file.bin", SIZE, MTIME);

                assertThat(outcome.sha256()).isEqualTo(TestFiles.sha256(local));
                assertThat(TestFiles.sha256(target)).isEqualTo(outcome.sha256());
            }
        }
    }
}
