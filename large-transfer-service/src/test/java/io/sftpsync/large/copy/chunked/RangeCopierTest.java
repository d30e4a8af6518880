package io.sftpsync.large.copy.chunked;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.copy.Digests;
import io.sftpsync.core.copy.Permissions;
import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RangeCopierTest {

    static final Instant MTIME = Instant.parse("2023-11-02T08:00:01Z");
    static final int CHUNK = 1024 * 1024;

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/", "/").tuning(SftpTuning.DEFAULT.withPool(2, 4));
    static InProcessSftpServer sourceServer;
    static InProcessSftpServer sinkServer;
    static SftpPool source;
    static SftpPool sink;
    final RangeCopier copier = new RangeCopier();

    @BeforeAll
    static void pools() {
        sourceServer = servers.sourceServer();
        sinkServer = servers.sinkServer();
        source = servers.source();
        sink = servers.sink();
    }

    @Test
    void rangesCopiedInParallelAssembleTheFileAndTheirDigestsAreTheRangesSha256() throws Exception {
        long size = 5L * CHUNK + 777;
        Path local = TestFiles.random(sourceServer.root().resolve("big dir/file ü.bin"), size, 3, MTIME);
        String temp = TempNames.transferTemporary("big dir/file ü.bin", "00ff00ff00ff");
        assertThat(TempNames.isTemporary(RelativePath.name(temp))).isTrue();
        copier.createTemporary(sink, temp);
        RemoteFile expected = new RemoteFile("big dir/file ü.bin", size, MTIME);

        List<Future<String>> digests = new ArrayList<>();
        try (DurableSync sync = new DurableSync(temp);
             ExecutorService streams = Executors.newFixedThreadPool(3)) {
            for (long offset = 0; offset < size; offset += CHUNK) {
                long at = offset;
                long length = Math.min(CHUNK, size - offset);
                digests.add(streams.submit(() -> copier.copyRange(source, sink, expected.path(), temp, at, length, 0,
                        expected, sync, (done, sha) -> { })));
            }
        }
        List<String> chunkDigests = new ArrayList<>();
        for (int i = 0; i < digests.size(); i++) {
            chunkDigests.add(digests.get(i).get());
            assertThat(chunkDigests.get(i)).isEqualTo(TestFiles.sha256(local, (long) i * CHUNK, Math.min(CHUNK, size - (long) i * CHUNK)));
            assertThat(copier.rangeSha256(sink, temp, (long) i * CHUNK, Math.min(CHUNK, size - (long) i * CHUNK)))
                    .isEqualTo(chunkDigests.get(i));
        }
        copier.publish(sink, temp, expected.path(), MTIME);

        Path copied = sinkServer.root().resolve("big dir/file ü.bin");
        assertThat(TestFiles.sha256(copied)).isEqualTo(TestFiles.sha256(local));
        assertThat(TestFiles.mtime(copied)).isEqualTo(MTIME);
        assertThat(TestFiles.temporaries(sinkServer.root().resolve("big dir"))).isEmpty();
        assertThat(RangeCopier.hashList(chunkDigests)).isEqualTo(hashList(chunkDigests)).hasSize(64);
    }

    @Test
    void reportsDurableProgressPieceByPieceAndResumesWithoutResendingTheDurablePart() throws IOException {
        long size = 2L * CHUNK;
        Path local = TestFiles.random(sourceServer.root().resolve("resume.bin"), size, 5, MTIME);
        String temp = TempNames.transferTemporary("resume.bin", "abc");
        copier.createTemporary(sink, temp);
        RemoteFile expected = new RemoteFile("resume.bin", size, MTIME);
        List<Long> durable = new CopyOnWriteArrayList<>();
        List<String> prefixDigests = new CopyOnWriteArrayList<>();
        DurableSync sync = new DurableSync(temp);

        String digest = copier.copyRange(source, sink, "resume.bin", temp, CHUNK, CHUNK, 0, expected, sync,
                (done, sha) -> {
                    durable.add(done);
                    prefixDigests.add(sha);
                });

        long piece = CHUNK / RangeCopier.PIECES_PER_CHUNK;
        // Every piece but the last is reported durable; the last one the caller records with the digest.
        assertThat(durable).hasSize(RangeCopier.PIECES_PER_CHUNK - 1).startsWith(piece, 2 * piece)
                .endsWith((long) CHUNK - piece);
        // Each with the SHA-256 of the range's bytes up to there, what a resume checks the sink's bytes against.
        for (int i = 0; i < durable.size(); i++) {
            assertThat(prefixDigests.get(i)).isEqualTo(TestFiles.sha256(local, CHUNK, durable.get(i)));
        }
        // The first half of the range is "already durable": only the rest is written, the digest covers all.
        Path sinkTemp = sinkServer.root().resolve(temp);
        byte[] bytes = Files.readAllBytes(sinkTemp);
        java.util.Arrays.fill(bytes, CHUNK + 10, CHUNK + CHUNK / 2, (byte) 0);
        bytes[CHUNK + CHUNK / 2] = 0;
        bytes[CHUNK + CHUNK / 2 + 1] = 0;
        Files.write(sinkTemp, bytes);
        durable.clear();

        String resumed = copier.copyRange(source, sink, "resume.bin", temp, CHUNK, CHUNK, CHUNK / 2, expected,
                sync, (done, sha) -> durable.add(done));
        sync.close();

        assertThat(resumed).isEqualTo(digest).isEqualTo(TestFiles.sha256(local, CHUNK, CHUNK));
        assertThat(durable).first().isEqualTo((long) CHUNK / 2 + piece);
        byte[] after = Files.readAllBytes(sinkTemp);
        assertThat(after[CHUNK + 20]).as("the durable half is not written again").isZero();
        assertThat(HexFormat.of().formatHex(sha(after, CHUNK + CHUNK / 2, CHUNK / 2)))
                .isEqualTo(TestFiles.sha256(local, CHUNK + CHUNK / 2, CHUNK / 2));
    }

    /**
     * Four streams on pools of two connections of two channels: every sink channel is held by a stream. The sync
     * used to borrow a fifth channel while the streams waited for it, and everything blocked until the deadline.
     */
    @Test
    void asManyStreamsAsSinkChannelsComplete(@TempDir Path dir) throws Exception {
        try (SftpPair small = new SftpPair().basePaths("/", "/").tuning(SftpTuning.DEFAULT.withPool(2, 2))
                .startIn(dir)) {
            long size = 8L * CHUNK;
            Path local = TestFiles.random(small.sourceServer().root().resolve("full.bin"), size, 11, MTIME);
            String temp = TempNames.transferTemporary("full.bin", "4444");
            copier.createTemporary(small.sink(), temp);
            RemoteFile expected = new RemoteFile("full.bin", size, MTIME);
            List<Future<String>> digests = new ArrayList<>();
            ExecutorService streams = Executors.newFixedThreadPool(4);
            try (DurableSync sync = new DurableSync(temp)) {
                try {
                    for (long offset = 0; offset < size; offset += CHUNK) {
                        long at = offset;
                        digests.add(streams.submit(() -> copier.copyRange(small.source(), small.sink(), "full.bin",
                                temp, at, CHUNK, 0, expected, sync, (done, sha) -> { })));
                    }
                    for (Future<String> digest : digests) {
                        // A deadlock shows as no digest at all, not as a slow one.
                        assertThat(digest.get(2, TimeUnit.MINUTES)).hasSize(64);
                    }
                } finally {
                    // Before the sync closes: interrupted streams give their channels back.
                    streams.shutdownNow();
                }
            }
            assertThat(TestFiles.sha256(small.sinkServer().root().resolve(temp))).isEqualTo(TestFiles.sha256(local));
        }
    }

    @Test
    void theTemporaryIsOwnerOnlyWhileItFillsAndThePublishedFileHasTheSourcesMode() throws Exception {
        long size = CHUNK + 5;
        Path local = TestFiles.random(sourceServer.root().resolve("modes/tool.bin"), size, 6, MTIME);
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxr-x---"));
        String temp = TempNames.transferTemporary("modes/tool.bin", "beef");
        copier.createTemporary(sink, temp);
        Path sinkTemp = sinkServer.root().resolve(temp);
        RemoteFile expected = new RemoteFile("modes/tool.bin", size, MTIME);
        try (DurableSync sync = new DurableSync(temp)) {
            copier.copyRange(source, sink, expected.path(), temp, 0, size, 0, expected, sync, (done, sha) -> { });
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sinkTemp))).isEqualTo("rw-------");

        copier.publish(sink, temp, expected.path(), MTIME, copier.sourceMode(source, expected.path()));

        Path copied = sinkServer.root().resolve("modes/tool.bin");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copied))).isEqualTo("rwxr-x---");
        assertThat(TestFiles.sha256(copied)).isEqualTo(TestFiles.sha256(local));
        assertThat(new RangeCopier(false).sourceMode(source, expected.path())).isEqualTo(Permissions.UNKNOWN);
    }

    @Test
    void refusesASourceThatIsNotTheExpectedVersion() throws IOException {
        TestFiles.random(sourceServer.root().resolve("changed.bin"), 1000, 9, MTIME.plusSeconds(60));
        String temp = TempNames.transferTemporary("changed.bin", "1");
        copier.createTemporary(sink, temp);

        assertThatThrownBy(() -> copier.copyRange(source, sink, "changed.bin", temp, 0, 1000, 0,
                new RemoteFile("changed.bin", 1000, MTIME), null, (done, sha) -> { }))
                .isInstanceOf(SourceChangedException.class).hasMessageContaining("mtime");
        assertThat(Files.size(sinkServer.root().resolve(temp))).isZero();
    }

    @Test
    void aMissingTemporaryIsAnErrorNotANewSparseFile() throws IOException {
        TestFiles.random(sourceServer.root().resolve("gone.bin"), 1000, 9, MTIME);
        String temp = TempNames.transferTemporary("gone.bin", "2");

        assertThatThrownBy(() -> copier.copyRange(source, sink, "gone.bin", temp, 0, 1000, 0,
                new RemoteFile("gone.bin", 1000, MTIME), null, (done, sha) -> { }))
                .isInstanceOf(SftpOperationException.class).hasMessageContaining("sink");
        assertThat(sinkServer.root().resolve(temp)).doesNotExist();
    }

    @Test
    void theSinkReadOfARangeShorterThanAskedIsAnError() throws IOException {
        TestFiles.random(sinkServer.root().resolve("short.bin"), 100, 1, MTIME);

        assertThatThrownBy(() -> copier.rangeSha256(sink, "short.bin", 0, 200))
                .isInstanceOf(IOException.class).hasMessageContaining("shorter");
    }

    private static byte[] sha(byte[] bytes, int offset, int length) {
        MessageDigest d = Digests.sha256();
        d.update(bytes, offset, length);
        return d.digest();
    }

    private static String hashList(List<String> hex) {
        MessageDigest d = Digests.sha256();
        hex.forEach(h -> d.update(HexFormat.of().parseHex(h)));
        return HexFormat.of().formatHex(d.digest());
    }
}
