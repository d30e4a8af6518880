package io.sftpsync.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symlinks at the sink, placed there by someone with write access to it: a copy never writes through one into a
 * directory outside the sink's base path, and a link under a file's real name is replaced, not followed.
 */
class SinkSymlinkTest {

    static final Instant MTIME = Instant.parse("2024-03-01T10:15:30Z");
    /** Small (one write) and streamed copies take different paths to the sink. */
    static final long[] SIZES = {10, 300 * 1024};

    @RegisterExtension
    final SftpPair servers = new SftpPair();
    @TempDir
    Path dir;
    final FileCopier copier = new FileCopier();

    @Test
    void aDirectoryThatIsALinkToOutsideTheBasePathIsNotWrittenThrough() throws IOException {
        // The sink's base path is /backup/data; /outside is elsewhere on the same server.
        Path outside = servers.sinkServer().root().resolve("outside");
        Files.createDirectories(outside.resolve("deeper"));
        Files.createDirectories(servers.sinkData(""));
        Files.createSymbolicLink(servers.sinkData("linked"), Paths.get("../../outside"));
        for (String path : List.of("linked/file.bin", "linked/deeper/file.bin", "linked/new/dir/file.bin")) {
            for (long size : SIZES) {
                TestFiles.random(servers.sourceData(path), size, 3, MTIME);

                IOException e = catchThrowableOfType(IOException.class,
                        () -> copier.copy(servers.source(), servers.sink(), path, size, MTIME));

                assertThat(e).as(path).isNotNull();
                assertThat(TransferErrors.describe(e)).startsWith("sink: ").contains("symbolic link")
                        .contains("/backup/data/linked");
                assertThat(TransferErrors.isTransient(e)).isFalse();
            }
        }
        try (Stream<Path> written = Files.walk(outside)) {
            assertThat(written).containsExactlyInAnyOrder(outside, outside.resolve("deeper"));
        }
    }

    @Test
    void aLinkDeeperDownIsFoundToo() throws IOException {
        Path outside = servers.sinkServer().root().resolve("elsewhere");
        Files.createDirectories(outside);
        Files.createDirectories(servers.sinkData("real/dir"));
        Files.createSymbolicLink(servers.sinkData("real/dir/link"), Paths.get("../../../../elsewhere"));
        TestFiles.random(servers.sourceData("real/dir/link/file.bin"), 10, 4, MTIME);

        IOException e = catchThrowableOfType(IOException.class,
                () -> copier.copy(servers.source(), servers.sink(), "real/dir/link/file.bin", 10, MTIME));

        assertThat(TransferErrors.describe(e)).contains("symbolic link").contains("/backup/data/real/dir/link");
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void aLinkInsideTheSinkIsAlsoRefused() throws IOException {
        Files.createDirectories(servers.sinkData("target"));
        Files.createSymbolicLink(servers.sinkData("alias"), Paths.get("target"));
        TestFiles.random(servers.sourceData("alias/file.bin"), 10, 5, MTIME);

        IOException e = catchThrowableOfType(IOException.class,
                () -> copier.copy(servers.source(), servers.sink(), "alias/file.bin", 10, MTIME));

        assertThat(TransferErrors.describe(e)).contains("symbolic link").contains("/backup/data/alias");
        assertThat(servers.sinkData("target/file.bin")).doesNotExist();
    }

    @Test
    void aFileNameThatIsALinkIsReplacedAndWhatItPointsToIsLeftAlone() throws IOException {
        replacesTheLinkItself(servers.sink(), servers.sinkServer().root(), servers.sinkData(""));
    }

    @Test
    void withoutPosixRenameTooTheLinkIsReplacedAndWhatItPointsToIsLeftAlone() throws IOException {
        try (InProcessSftpServer plain = InProcessSftpServer.builder(dir.resolve("plain")).withoutPosixRename()
                .start();
             SftpConnector own = new SftpConnector(dir.resolve("plain_known_hosts"), HostKeyPolicy.ACCEPT_NEW)) {
            Files.createDirectories(plain.root().resolve("base"));
            SftpPool plainSink = own.pool(plain.endpoint("sink", "/base"), SftpTuning.DEFAULT);

            replacesTheLinkItself(plainSink, plain.root(), plain.root().resolve("base"));
        }
    }

    private void replacesTheLinkItself(SftpPool sink, Path serverRoot, Path base) throws IOException {
        Path precious = serverRoot.resolve("precious.txt");
        Files.writeString(precious, "not to be overwritten");
        Files.createDirectories(base);
        for (long size : SIZES) {
            String name = "named-" + size + ".bin";
            Files.createSymbolicLink(base.resolve(name), base.relativize(precious));
            Path local = TestFiles.random(servers.sourceData(name), size, 6, MTIME);

            copier.copy(servers.source(), sink, name, size, MTIME);

            assertThat(precious).hasContent("not to be overwritten");
            assertThat(Files.isSymbolicLink(base.resolve(name))).isFalse();
            assertThat(TestFiles.sha256(base.resolve(name))).isEqualTo(TestFiles.sha256(local));
        }
        assertThat(TestFiles.temporaries(serverRoot)).isEmpty();
    }
}
