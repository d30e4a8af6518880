package io.sftpsync.large.copy.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.sftpsync.large.copy.OutputCollisionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CompressCopyTest {

    static final Instant MTIME = Instant.parse("2024-03-01T10:15:30Z");
    static final long MIB = 1024 * 1024;

    @RegisterExtension
    static final SftpPair servers = new SftpPair();
    final CompressCopy compressor = new CompressCopy();

    @Test
    void writesAGzipOfTheContentToNameGz() throws IOException {
        String path = "logs/new dir/app log ✓.txt";
        Path local = servers.sourceData(path);
        Files.createDirectories(local.getParent());
        try (Writer out = Files.newBufferedWriter(local, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 200_000; i++) {
                out.write("2024-03-01T10:15:30Z INFO request " + i + " served in " + (i % 97) + " ms\n");
            }
        }
        Files.setLastModifiedTime(local, FileTime.from(MTIME));
        long size = Files.size(local);

        CompressOutcome outcome = compressor.copy(servers.source(), servers.sink(), path, size, MTIME);

        assertCompressed(servers, outcome, path, local);
        assertThat(outcome.compressedBytes()).isLessThan(size / 4);
        assertThat(TestFiles.temporaries(servers.sinkServer().root())).isEmpty();
    }

    @Test
    void anEmptyFileGivesAGzipOfNothing() throws IOException {
        Path local = TestFiles.random(servers.sourceData("empty.bin"), 0, 1, MTIME);

        CompressOutcome outcome = compressor.copy(servers.source(), servers.sink(), "empty.bin", 0, MTIME);

        assertCompressed(servers, outcome, "empty.bin", local);
    }

    @Test
    void refusesASourceThatIsNotWhatTheScanSawBeforeWritingAnything() throws IOException {
        servers.assertRefusesAChangedSource((path, size, mtime) -> compressor.copy(servers.source(), servers.sink(), path, size, mtime));
    }

    @Test
    void aSourceFileCalledLikeTheGzipIsRefusedAndNothingIsWritten() throws IOException {
        TestFiles.random(servers.sourceData("clash/file.bin"), 1000, 4, MTIME);
        TestFiles.random(servers.sourceData("clash/file.bin.gz"), 10, 5, MTIME);

        assertThatThrownBy(() -> compressor.copy(servers.source(), servers.sink(), "clash/file.bin", 1000, MTIME))
                .isInstanceOf(OutputCollisionException.class).hasMessageContaining("clash/file.bin.gz");

        assertThat(servers.sinkData("clash")).doesNotExist();
    }

    @Test
    void aSinkConnectionLostMidCopyLeavesNoTemporaryAndTheOldGzip(@TempDir Path own) throws Exception {
        try (SftpPair pair = SftpPair.start(own)) {
            Path old = pair.sinkData("cut/file.bin.gz");
            Files.createDirectories(old.getParent());
            Files.writeString(old, "an older version");
            // Random bytes do not compress: the temporary grows as fast as the source is read.
            Path local = TestFiles.random(pair.sourceData("cut/file.bin"), 32 * MIB, 3, MTIME);
            CompletableFuture<Boolean> dropper = CompletableFuture.supplyAsync(() -> TestFiles.interruptOnceWriting(
                    pair.sinkServer().root(), "file.bin.gz", 2 * MIB, pair.sinkServer()::dropConnections));

            IOException failure = null;
            try {
                compressor.copy(pair.source(), pair.sink(), "cut/file.bin", 32 * MIB, MTIME);
            } catch (IOException e) {
                failure = e;
            }

            assertThat(dropper.get(30, TimeUnit.SECONDS)).as("dropped the sink's connections mid-copy").isTrue();
            assertThat(failure).isNotNull();
            assertThat(TransferErrors.isTransient(failure)).as(TransferErrors.describe(failure)).isTrue();
            assertThat(TestFiles.temporaries(pair.sinkServer().root())).isEmpty();
            assertThat(old).hasContent("an older version");

            CompressOutcome outcome = compressor.copy(pair.source(), pair.sink(), "cut/file.bin", 32 * MIB, MTIME);

            assertCompressed(pair, outcome, "cut/file.bin", local);
            assertThat(TestFiles.temporaries(pair.sinkServer().root())).isEmpty();
        }
    }

    /** Checks the gzip file at the sink against the source file and the outcome. */
    private static void assertCompressed(SftpPair pair, CompressOutcome outcome, String path, Path local)
            throws IOException {
        Path gz = pair.sinkData(path + ".gz");
        assertThat(outcome.target()).isEqualTo(path + ".gz");
        assertThat(outcome.bytes()).isEqualTo(Files.size(local));
        assertThat(outcome.sha256()).isEqualTo(TestFiles.sha256(local));
        assertThat(outcome.compressedBytes()).isEqualTo(Files.size(gz));
        try (InputStream unzipped = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(TestFiles.sha256(unzipped)).isEqualTo(outcome.sha256());
        }
        assertThat(TestFiles.mtime(gz)).isEqualTo(MTIME);
        assertThat(pair.sinkData(path)).doesNotExist();
        JsonNode manifest = JsonMapper.shared().readTree(Files.readAllBytes(pair.sinkData(path + ".manifest.json")));
        assertThat(manifest.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(manifest.get("strategy").asString()).isEqualTo("COMPRESS");
        assertThat(manifest.get("path").asString()).isEqualTo(path);
        assertThat(manifest.get("size").asLong()).isEqualTo(Files.size(local));
        assertThat(manifest.get("mtime").asString()).isEqualTo(MTIME.toString());
        assertThat(manifest.get("sha256").asString()).isEqualTo(TestFiles.sha256(local));
        JsonNode files = manifest.get("files");
        assertThat(files.size()).isOne();
        assertThat(files.get(0).get("name").asString()).isEqualTo(gz.getFileName().toString());
        assertThat(files.get(0).get("size").asLong()).isEqualTo(Files.size(gz));
        assertThat(files.get(0).get("sha256").asString()).isEqualTo(TestFiles.sha256(gz));
    }
}
