package io.sftpsync.transfer.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.core.copy.WriteOptions;
import io.sftpsync.core.diff.SyncDecision;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.paths.Glob;
import io.sftpsync.core.retry.Backoff;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import io.sftpsync.core.verify.VerifyMode;
import io.sftpsync.core.verify.VerifyPolicy;
import io.sftpsync.testkit.SftpPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One file's transfer between two real (embedded) SFTP servers: every outcome is a result. */
class FileTransferTest {

    private static final Instant MTIME = Instant.parse("2025-05-05T05:05:05Z");

    @RegisterExtension
    final SftpPair servers = new SftpPair().basePaths("/data", "/mirror").tuning(SftpTuning.DEFAULT.withPool(1, 2));
    InProcessSftpServer sourceServer;
    InProcessSftpServer sinkServer;
    SftpPool source;
    SftpPool sink;
    final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void pools() {
        sourceServer = servers.sourceServer();
        sinkServer = servers.sinkServer();
        source = servers.source();
        sink = servers.sink();
    }

    private FileTransfer transfer(VerifyMode mode) {
        VerifyPolicy policy = new VerifyPolicy(VerifyMode.SIZE, Map.of(),
                List.of(new VerifyPolicy.Rule(Glob.of("**"), mode)));
        return new FileTransfer(c -> source, c -> sink, e -> false, new FileCopier(), c -> WriteOptions.DEFAULT,
                policy, new SyncDecision(Duration.ofSeconds(2)), 3,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), sleeps::add));
    }

    private FileDiscovered event(String path, long size) {
        return FileDiscovered.of(UUID.randomUUID(), path, size, MTIME, null, null, SyncReason.MISSING,
                SizeClass.SMALL, Instant.now());
    }

    private void sourceFile(String path, byte[] content) throws IOException {
        Path f = sourceServer.root().resolve("data").resolve(path);
        Files.createDirectories(f.getParent());
        Files.write(f, content);
        Files.setLastModifiedTime(f, FileTime.from(MTIME));
    }

    @Test
    void copiesVerifiesAndReportsTheDigest() throws Exception {
        byte[] content = "hello, sink".getBytes();
        sourceFile("a/b.txt", content);

        TransferResult r = transfer(VerifyMode.CHECKSUM).transfer(event("a/b.txt", content.length));

        assertThat(r.status()).isEqualTo(TransferStatus.SUCCEEDED);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.bytes()).isEqualTo(content.length);
        assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(content)));
        Path atSink = sinkServer.root().resolve("mirror/a/b.txt");
        assertThat(atSink).hasBinaryContent(content);
        assertThat(Files.getLastModifiedTime(atSink).toInstant()).isEqualTo(MTIME);
    }

    @Test
    void aRedeliveredEventIsSkippedBecauseTheSinkAlreadyMatches() throws IOException {
        sourceFile("dup.txt", new byte[] {1, 2, 3});
        FileDiscovered event = event("dup.txt", 3);
        FileTransfer transfer = transfer(VerifyMode.SIZE);

        assertThat(transfer.transfer(event).status()).isEqualTo(TransferStatus.SUCCEEDED);
        TransferResult again = transfer.transfer(event);

        assertThat(again.status()).isEqualTo(TransferStatus.SKIPPED);
        assertThat(again.bytes()).isZero();
        assertThat(again.error()).contains("up to date");
    }

    @Test
    void anAuditsContentDiffersIsCopiedThoughSizeAndMtimeMatchAndRestoresTheSourcesBytes() throws IOException {
        byte[] content = "the source's own bytes".getBytes();
        sourceFile("audited.txt", content);
        Path atSink = sinkServer.root().resolve("mirror/audited.txt");
        Files.createDirectories(atSink.getParent());
        byte[] tampered = "THE SINK'S OTHER BYTES".getBytes();
        assertThat(tampered).hasSameSizeAs(content);
        Files.write(atSink, tampered);
        Files.setLastModifiedTime(atSink, FileTime.from(MTIME));
        FileTransfer transfer = transfer(VerifyMode.CHECKSUM);

        assertThat(transfer.transfer(event("audited.txt", content.length)).status())
                .as("an ordinary discovery trusts size and mtime").isEqualTo(TransferStatus.SKIPPED);
        assertThat(atSink).hasBinaryContent(tampered);

        FileDiscovered differs = FileDiscovered.of(UUID.randomUUID(), "audited.txt", content.length, MTIME,
                (long) content.length, MTIME, SyncReason.CONTENT_DIFFERS, SizeClass.SMALL, Instant.now());
        TransferResult r = transfer.transfer(differs);

        assertThat(r.status()).isEqualTo(TransferStatus.SUCCEEDED);
        assertThat(atSink).hasBinaryContent(content);
        assertThat(Files.getLastModifiedTime(atSink).toInstant()).isEqualTo(MTIME);
        assertThat(transfer.transfer(differs).status()).as("a redelivery copies again, harmlessly")
                .isEqualTo(TransferStatus.SUCCEEDED);
        assertThat(atSink).hasBinaryContent(content);
    }

    @Test
    void aSourceChangedSinceTheScanFailsWithoutRetryAndPublishesNothing() throws IOException {
        sourceFile("moving.txt", "longer than the scan saw".getBytes());

        TransferResult r = transfer(VerifyMode.SIZE).transfer(event("moving.txt", 5));

        assertThat(r.status()).isEqualTo(TransferStatus.FAILED);
        assertThat(r.error()).contains("changed").contains("later scan");
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(sinkServer.root().resolve("mirror/moving.txt")).doesNotExist();
    }

    @Test
    void aSinkThatStaysDownIsRetriedWithBackoffThenReported() throws IOException {
        sourceFile("x.bin", new byte[100]);
        sinkServer.stop();

        TransferResult r = transfer(VerifyMode.SIZE).transfer(event("x.bin", 100));

        assertThat(r.status()).isEqualTo(TransferStatus.FAILED);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(r.error()).contains("sink").doesNotContain(sinkServer.password());
    }

    @Test
    void aMissingSourceFailsAtOnceNamingThePath() {
        TransferResult r = transfer(VerifyMode.SIZE).transfer(event("gone.txt", 1));

        assertThat(r.status()).isEqualTo(TransferStatus.FAILED);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.error()).contains("gone.txt");
    }
}
