package io.sftpsync.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sftpsync.core.errors.SourceChangedException;
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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FileCopierTest {

    static final Instant MTIME = Instant.parse("2024-03-01T10:15:30Z");

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SftpPair servers = new SftpPair();
    static InProcessSftpServer sinkServer;
    static SftpPool source;
    static SftpPool sink;
    final FileCopier copier = new FileCopier();

    @BeforeAll
    static void pools() {
        sinkServer = servers.sinkServer();
        source = servers.source();
        sink = servers.sink();
    }

    @Test
    void copiesContentAndMtimeOfFilesOfEverySize() throws IOException {
        List<String> paths = List.of("empty.bin", "one.bin", "nested/deeper/300k.bin", "nested/5m.bin");
        long[] sizes = {0, 1, 300 * 1024, 5 * 1024 * 1024};
        for (int i = 0; i < paths.size(); i++) {
            Path local = TestFiles.random(sourceData(paths.get(i)), sizes[i], i, MTIME.plusSeconds(i));

            Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            CopyOutcome outcome = copier.copy(source, sink, paths.get(i), sizes[i], MTIME.plusSeconds(i));

            Path copied = sinkData(paths.get(i));
            // Read before anything here reads the file: the atime is the copy's, so a temporary says when written.
            assertThat(((java.nio.file.attribute.FileTime) Files.getAttribute(copied, "lastAccessTime")).toInstant())
                    .isAfterOrEqualTo(before);
            assertThat(copied).exists();
            assertThat(Files.size(copied)).isEqualTo(sizes[i]);
            assertThat(TestFiles.sha256(copied)).isEqualTo(TestFiles.sha256(local)).isEqualTo(outcome.sha256());
            assertThat(TestFiles.mtime(copied)).isEqualTo(MTIME.plusSeconds(i));
            assertThat(outcome.bytes()).isEqualTo(sizes[i]);
            assertThat(outcome.mtime()).isEqualTo(MTIME.plusSeconds(i));
        }
        assertThat(TestFiles.temporaries(sinkServer.root())).isEmpty();
    }

    @Test
    void copiesNamesWithSpacesQuotesUnicodeNewlinesAndDashes() throws IOException {
        List<String> names = List.of("with space.txt", "quote's \"double\".txt", "ünïcødé/日本語 ✓.txt", "new\nline.txt",
                "-leading-dash.txt", "sub dir/$dollar & amp;.txt");
        for (String name : names) {
            Path local = TestFiles.random(sourceData(name), 1234, name.hashCode(), MTIME);

            CopyOutcome outcome = copier.copy(source, sink, name, 1234, MTIME);

            assertThat(TestFiles.sha256(sinkData(name))).isEqualTo(TestFiles.sha256(local)).isEqualTo(outcome.sha256());
        }
        assertThat(TestFiles.temporaries(sinkServer.root())).isEmpty();
    }

    @Test
    void replacesAnOlderFileAtTheSink() throws IOException {
        Path old = sinkData("replace/me.txt");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "old content that is longer than the new one");
        Path local = sourceData("replace/me.txt");
        Files.createDirectories(local.getParent());
        Files.writeString(local, "new");
        Files.setLastModifiedTime(local, java.nio.file.attribute.FileTime.from(MTIME));

        copier.copy(source, sink, "replace/me.txt", 3, MTIME);

        assertThat(old).hasContent("new");
        assertThat(TestFiles.mtime(old)).isEqualTo(MTIME);
    }

    @Test
    void theCheckSeesTheCompleteTemporaryWithItsTimesBeforeTheRename() throws IOException {
        for (long size : new long[] {10, 300 * 1024}) {
            String path = "checked/" + size + ".bin";
            TestFiles.random(sourceData(path), size, 21, MTIME);
            List<String> seen = new java.util.ArrayList<>();

            copier.copy(source, sink, path, size, MTIME, (dst, temporary, written) -> {
                var a = dst.client().stat(temporary);
                seen.add(a.getSize() + " " + a.getModifyTime().toInstant() + " " + written.sha256());
                assertThat(sinkData(path)).as("not under its real name yet").doesNotExist();
            });

            assertThat(seen).containsExactly(size + " " + MTIME + " " + TestFiles.sha256(sourceData(path)));
            assertThat(sinkData(path)).exists();
        }
    }

    @Test
    void aFailedCheckKeepsThePreviousVersionAndRemovesTheTemporary() throws IOException {
        for (long size : new long[] {10, 300 * 1024}) {
            String path = "kept/" + size + ".txt";
            Path old = sinkData(path);
            Files.createDirectories(old.getParent());
            Files.writeString(old, "the previous good version");
            TestFiles.random(sourceData(path), size, 22, MTIME);

            assertThatThrownBy(() -> copier.copy(source, sink, path, size, MTIME, (dst, temporary, written) -> {
                throw new io.sftpsync.core.verify.VerificationFailedException("sink SHA-256 differs");
            })).hasMessageContaining("sink SHA-256 differs");

            assertThat(old).hasContent("the previous good version");
            assertThat(TestFiles.temporaries(old.getParent())).isEmpty();
        }
    }

    @Test
    void replacesAFileOnAServerWithoutPosixRename() throws IOException {
        try (InProcessSftpServer plain = InProcessSftpServer.builder(dir.resolve("plain")).withoutPosixRename().start();
             SftpConnector own = new SftpConnector(dir.resolve("plain_known_hosts"), HostKeyPolicy.ACCEPT_NEW)) {
            SftpPool plainSink = own.pool(plain.endpoint("sink", "/"), SftpTuning.DEFAULT);
            boolean offered = plainSink.call(s -> s.client().getServerExtensions()
                    .containsKey("posix-rename@openssh.com"));
            assertThat(offered).isFalse();
            Path old = plain.root().resolve("r/file.txt");
            Files.createDirectories(old.getParent());
            Files.writeString(old, "old");
            Path local = TestFiles.random(sourceData("r/file.txt"), 100_000, 12, MTIME);

            copier.copy(source, plainSink, "r/file.txt", 100_000, MTIME);

            assertThat(TestFiles.sha256(old)).isEqualTo(TestFiles.sha256(local));
            assertThat(TestFiles.temporaries(plain.root())).isEmpty();
        }
    }

    @Test
    void withoutPosixRenameAReplacementThatCannotTakeTheNameKeepsThePreviousVersion() throws IOException {
        try (InProcessSftpServer plain = InProcessSftpServer.builder(dir.resolve("refusing")).withoutPosixRename()
                .refuseRenamingOnto("victim.txt").start();
             SftpConnector own = new SftpConnector(dir.resolve("refusing_known_hosts"), HostKeyPolicy.ACCEPT_NEW)) {
            SftpPool plainSink = own.pool(plain.endpoint("sink", "/"), SftpTuning.DEFAULT);
            for (long size : new long[] {10, 100_000}) {
                Path old = plain.root().resolve("v/victim.txt");
                Files.createDirectories(old.getParent());
                Files.writeString(old, "the previous good version");
                TestFiles.random(sourceData("v/victim.txt"), size, 13, MTIME);

                assertThatThrownBy(() -> copier.copy(source, plainSink, "v/victim.txt", size, MTIME))
                        .hasMessageContaining("sink").hasMessageContaining("renaming")
                        .hasMessageContaining("victim.txt");

                assertThat(old).as("size " + size).hasContent("the previous good version");
                try (var left = Files.list(old.getParent())) {
                    assertThat(left.map(p -> p.getFileName().toString())).containsExactly("victim.txt");
                }
            }
        }
    }

    @Test
    void refusesASourceThatIsNotWhatTheScanSaw() throws IOException {
        TestFiles.random(sourceData("changed/file.bin"), 1000, 7, MTIME);

        assertThatThrownBy(() -> copier.copy(source, sink, "changed/file.bin", 999, MTIME))
                .isInstanceOf(SourceChangedException.class).hasMessageContaining("size 999 -> 1000");
        assertThatThrownBy(() -> copier.copy(source, sink, "changed/file.bin", 1000, MTIME.plusSeconds(60)))
                .isInstanceOf(SourceChangedException.class).hasMessageContaining("mtime");

        // A small file is checked after it is streamed: its directory may exist, the file must not.
        assertThat(sinkData("changed/file.bin")).doesNotExist();
        assertThat(TestFiles.temporaries(sinkServer.root())).isEmpty();
    }

    @Test
    void mtimeIsComparedInWholeSeconds() throws IOException {
        TestFiles.random(sourceData("subsecond.bin"), 10, 8, MTIME);

        CopyOutcome outcome = copier.copy(source, sink, "subsecond.bin", 10, MTIME.plusMillis(700));

        assertThat(outcome.mtime()).isEqualTo(MTIME);
    }

    @Test
    void aFileWhereTheTargetDirectoryShouldBeFailsNamingThePath() throws IOException {
        TestFiles.random(sourceData("blocked/file.txt"), 10, 9, MTIME);
        Path blocker = sinkData("blocked");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "a file, not a directory");

        IOException e = catchThrowableOfType(IOException.class,
                () -> copier.copy(source, sink, "blocked/file.txt", 10, MTIME));

        assertThat(e).isNotNull().isNotInstanceOf(SourceChangedException.class);
        assertThat(TransferErrors.describe(e)).startsWith("sink: ").contains("/backup/data/blocked")
                .contains("not a directory");
        assertThat(TransferErrors.isTransient(e)).isFalse();
        assertThat(blocker).hasContent("a file, not a directory");
        assertThat(TestFiles.temporaries(sinkServer.root())).isEmpty();
    }

    @Test
    void aSinkDirectoryRemovedBetweenCopiesIsCreatedAgain() throws IOException {
        for (String name : List.of("small.bin", "medium.bin")) {
            long size = name.startsWith("small") ? 1234 : 300 * 1024;
            TestFiles.random(sourceData("vanishing/a/b/first-" + name), size, 1, MTIME);
            TestFiles.random(sourceData("vanishing/a/b/second-" + name), size, 2, MTIME);
            copier.copy(source, sink, "vanishing/a/b/first-" + name, size, MTIME);
            // An operator (or another tool) removes the tree the pool remembers as existing.
            try (var all = Files.walk(sinkData("vanishing"))) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }

            copier.copy(source, sink, "vanishing/a/b/second-" + name, size, MTIME);

            assertThat(sinkData("vanishing/a/b/second-" + name)).hasSize(size);
        }
    }

    @Test
    void aMissingSourceIsAFinalErrorNamingThePath() {
        IOException e = catchThrowableOfType(IOException.class,
                () -> copier.copy(source, sink, "no/such/file.txt", 1, MTIME));

        assertThat(TransferErrors.describe(e)).startsWith("source: ").contains("SSH_FX_NO_SUCH_FILE")
                .contains("/data/no/such/file.txt");
        assertThat(TransferErrors.isTransient(e)).isFalse();
    }

    @Test
    void refusesPathsThatCouldEscapeTheBasePath() {
        assertThatThrownBy(() -> copier.copy(source, sink, "../etc/passwd", 1, MTIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> copier.copy(source, sink, "/etc/passwd", 1, MTIME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sha256StreamsARemoteFile() throws IOException {
        Path local = TestFiles.random(sourceData("hash/me.bin"), 3 * 1024 * 1024 + 5, 11, MTIME);

        assertThat(Digests.sha256(source, "hash/me.bin")).isEqualTo(TestFiles.sha256(local));
    }

    static Path sourceData(String relative) {
        return servers.sourceData(relative);
    }

    static Path sinkData(String relative) {
        return servers.sinkData(relative);
    }
}
