package io.sftpsync.core.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The small and the streamed copy fsync their temporary before the check and the rename, when asked to. */
class CopyFsyncTest {

    static final Instant MTIME = Instant.parse("2024-03-01T10:15:30Z");
    /** One small copy (one request) and one streamed. */
    static final long[] SIZES = {10, 300 * 1024};

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SftpPair servers = new SftpPair();
    final FileCopier copier = new FileCopier();

    @Test
    void oneFsyncPerCopiedFileBeforeTheCheckWhenOn() throws IOException {
        InProcessSftpServer sink = servers.sinkServer();
        for (long size : SIZES) {
            String path = "on/" + size + ".bin";
            Path local = TestFiles.random(servers.sourceData(path), size, 3, MTIME);
            int before = sink.fsyncs();
            List<Integer> atCheck = new ArrayList<>();

            copier.copy(servers.source(), servers.sink(), path, size, MTIME,
                    (dst, temporary, written) -> atCheck.add(sink.fsyncs() - before), new WriteOptions(true, true));

            assertThat(sink.fsyncs() - before).as("fsyncs of a %d-byte copy", size).isEqualTo(1);
            assertThat(atCheck).as("fsync'd before the check and the rename").containsExactly(1);
            assertThat(TestFiles.sha256(servers.sinkData(path))).isEqualTo(TestFiles.sha256(local));
        }
    }

    @Test
    void noFsyncWhenOff() throws IOException {
        InProcessSftpServer sink = servers.sinkServer();
        for (long size : SIZES) {
            String path = "off/" + size + ".bin";
            Path local = TestFiles.random(servers.sourceData(path), size, 4, MTIME);
            int before = sink.fsyncs();

            copier.copy(servers.source(), servers.sink(), path, size, MTIME, TemporaryCheck.NONE,
                    new WriteOptions(false, true));

            assertThat(sink.fsyncs() - before).as("fsyncs of a %d-byte copy", size).isZero();
            assertThat(TestFiles.sha256(servers.sinkData(path))).isEqualTo(TestFiles.sha256(local));
        }
    }

    @Test
    void aSinkWithoutTheExtensionStillGetsEveryFile() throws IOException {
        try (InProcessSftpServer plain = InProcessSftpServer.builder(dir.resolve("no-fsync")).withoutFsync().start();
             SftpConnector own = new SftpConnector(dir.resolve("no_fsync_known_hosts"), HostKeyPolicy.ACCEPT_NEW)) {
            SftpPool plainSink = own.pool(plain.endpoint("sink", "/"), SftpTuning.DEFAULT);
            boolean offered = plainSink.call(s -> SinkFsync.offered(s.client()));
            assertThat(offered).isFalse();
            for (long size : SIZES) {
                String path = "plain/" + size + ".bin";
                Path local = TestFiles.random(servers.sourceData(path), size, 5, MTIME);

                copier.copy(servers.source(), plainSink, path, size, MTIME, TemporaryCheck.NONE,
                        WriteOptions.DEFAULT);

                assertThat(TestFiles.sha256(plain.root().resolve(path))).isEqualTo(TestFiles.sha256(local));
            }
            assertThat(plain.fsyncs()).isZero();
            assertThat(TestFiles.temporaries(plain.root())).isEmpty();
        }
    }
}
