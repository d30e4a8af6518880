package io.sftpsync.large.copy.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.large.copy.OutputCollisionException;
import io.sftpsync.large.copy.compress.CompressCopy;
import io.sftpsync.large.copy.split.SplitOutcome.Part;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SplitCopyTest {

    static final Instant MTIME = Instant.parse("2024-03-01T10:15:30Z");
    static final long MIB = 1024 * 1024;
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @RegisterExtension
    static final SftpPair servers = new SftpPair();
    final SplitCopy splitter = new SplitCopy();

    @Test
    void splitsAFileWithARemainderIntoPartsAndAManifest() throws IOException {
        long size = 10 * MIB + 12345;
        Path local = TestFiles.random(servers.sourceData("big/file.bin"), size, 1, MTIME);

        SplitOutcome outcome = splitter.copy(servers.source(), servers.sink(), "big/file.bin", size, MTIME, 3 * MIB);

        assertWholeSet(servers, outcome, "big/file.bin", local, MTIME, 3 * MIB, 3 * MIB, 3 * MIB, 3 * MIB,
                MIB + 12345);
        assertThat(TestFiles.temporaries(servers.sinkServer().root())).isEmpty();
    }

    @Test
    void aFileOfAnExactMultipleHasNoEmptyLastPart() throws IOException {
        Path local = TestFiles.random(servers.sourceData("exact/file.bin"), 6 * MIB, 2, MTIME);

        SplitOutcome outcome = splitter.copy(servers.source(), servers.sink(), "exact/file.bin", 6 * MIB, MTIME,
                2 * MIB);

        assertWholeSet(servers, outcome, "exact/file.bin", local, MTIME, 2 * MIB, 2 * MIB, 2 * MIB, 2 * MIB);
        assertThat(TestFiles.temporaries(servers.sinkServer().root())).isEmpty();
    }

    @Test
    void anEmptyFileGetsOneEmptyPart() throws IOException {
        Path local = TestFiles.random(servers.sourceData("empty.bin"), 0, 3, MTIME);

        SplitOutcome outcome = splitter.copy(servers.source(), servers.sink(), "empty.bin", 0, MTIME, MIB);

        assertThat(outcome.sha256()).isEqualTo(EMPTY_SHA256);
        assertWholeSet(servers, outcome, "empty.bin", local, MTIME, MIB, 0);
        assertThat(TestFiles.temporaries(servers.sinkServer().root())).isEmpty();
    }

    @Test
    void aShorterVersionReplacesTheSetAndItsSurplusPartsGo() throws IOException {
        TestFiles.random(servers.sourceData("again/file.bin"), 5 * MIB, 4, MTIME);
        splitter.copy(servers.source(), servers.sink(), "again/file.bin", 5 * MIB, MTIME, MIB);
        assertThat(servers.sinkData("again/file.bin.part0005")).exists();
        Instant later = MTIME.plusSeconds(60);
        Path shorter = TestFiles.random(servers.sourceData("again/file.bin"), 2 * MIB + 1, 5, later);

        SplitOutcome outcome = splitter.copy(servers.source(), servers.sink(), "again/file.bin", 2 * MIB + 1, later,
                MIB);

        assertWholeSet(servers, outcome, "again/file.bin", shorter, later, MIB, MIB, MIB, 1);
        assertThat(TestFiles.temporaries(servers.sinkServer().root())).isEmpty();
        assertThat(names(servers.sinkData("again"))).containsExactlyInAnyOrder("file.bin.part0001",
                "file.bin.part0002", "file.bin.part0003", "file.bin.manifest.json");
    }

    @Test
    void namesWithSpacesAndUnicodeGoToANewNestedDirectory() throws IOException {
        String path = "new dir/ünï cødé/日本語 file ✓.bin";
        Path local = TestFiles.random(servers.sourceData(path), 2 * MIB + 7, 6, MTIME);
        assertThat(servers.sinkData("new dir")).doesNotExist();

        SplitOutcome outcome = splitter.copy(servers.source(), servers.sink(), path, 2 * MIB + 7, MTIME, MIB);

        assertWholeSet(servers, outcome, path, local, MTIME, MIB, MIB, MIB, 7);
        assertThat(TestFiles.temporaries(servers.sinkServer().root())).isEmpty();
    }

    @Test
    void refusesASourceThatIsNotWhatTheScanSawBeforeWritingAnything() throws IOException {
        servers.assertRefusesAChangedSource((path, size, mtime) -> splitter.copy(servers.source(), servers.sink(), path, size, mtime, 100));
    }

    @Test
    void aSourceThatGrowsDuringTheCopyLeavesNothingAtTheSink() throws Exception {
        Path local = TestFiles.random(servers.sourceData("growing/file.bin"), 24 * MIB, 8, MTIME);
        // Once the second part is being written, the first is complete under its temporary name.
        CompletableFuture<Boolean> appender = CompletableFuture.supplyAsync(() -> TestFiles.interruptOnceWriting(
                servers.sinkServer().root(), "file.bin.part0002", 0, () -> {
                    Files.write(local, new byte[100], StandardOpenOption.APPEND);
                    Files.setLastModifiedTime(local, FileTime.from(MTIME.plusSeconds(1)));
                }));

        assertThatThrownBy(() -> splitter.copy(servers.source(), servers.sink(), "growing/file.bin", 24 * MIB, MTIME,
                MIB)).isInstanceOf(SourceChangedException.class).hasMessageContaining("source changed");

        assertThat(appender.get(30, TimeUnit.SECONDS)).as("appended during the copy").isTrue();
        assertThat(names(servers.sinkData("growing"))).isEmpty();
    }

    @Test
    void aSinkConnectionLostMidCopyKeepsTheEarlierSetWholeAndItsManifest(@TempDir Path own) throws Exception {
        try (SftpPair pair = SftpPair.start(own)) {
            Path earlier = TestFiles.random(pair.sourceData("cut/file.bin"), 100, 9, MTIME);
            String earlierSha256 = TestFiles.sha256(earlier);
            splitter.copy(pair.source(), pair.sink(), "cut/file.bin", 100, MTIME, 16 * MIB);
            byte[] earlierManifest = Files.readAllBytes(pair.sinkData("cut/file.bin.manifest.json"));
            Instant later = MTIME.plusSeconds(60);
            Path local = TestFiles.random(pair.sourceData("cut/file.bin"), 40 * MIB, 10, later);

            IOException failure = failWhileWritingPartTwo(pair, "cut/file.bin", later,
                    pair.sinkServer()::dropConnections);

            assertThat(TransferErrors.isTransient(failure)).as(TransferErrors.describe(failure)).isTrue();
            // The new parts were temporaries until the whole set was written: the earlier set is untouched.
            assertThat(names(pair.sinkData("cut"))).containsExactlyInAnyOrder("file.bin.part0001",
                    "file.bin.manifest.json");
            assertThat(pair.sinkData("cut/file.bin.manifest.json")).hasBinaryContent(earlierManifest);
            assertThat(TestFiles.sha256(pair.sinkData("cut/file.bin.part0001"))).isEqualTo(earlierSha256);

            SplitOutcome outcome = splitter.copy(pair.source(), pair.sink(), "cut/file.bin", 40 * MIB, later, 16 * MIB);

            assertWholeSet(pair, outcome, "cut/file.bin", local, later, 16 * MIB, 16 * MIB, 16 * MIB, 8 * MIB);
            assertThat(TestFiles.temporaries(pair.sinkServer().root())).isEmpty();
        }
    }

    @Test
    void aSourceChangedDuringTheSecondSetKeepsTheFirstSetWhole() throws Exception {
        Path local = TestFiles.random(servers.sourceData("second/file.bin"), 3 * MIB, 20, MTIME);
        SplitOutcome first = splitter.copy(servers.source(), servers.sink(), "second/file.bin", 3 * MIB, MTIME, MIB);
        byte[] manifest = Files.readAllBytes(servers.sinkData("second/file.bin.manifest.json"));
        Instant later = MTIME.plusSeconds(60);
        TestFiles.random(local, 24 * MIB, 21, later);
        CompletableFuture<Boolean> appender = CompletableFuture.supplyAsync(() -> TestFiles.interruptOnceWriting(
                servers.sinkServer().root(), "file.bin.part0003", 0, () -> {
                    Files.write(local, new byte[100], StandardOpenOption.APPEND);
                    Files.setLastModifiedTime(local, FileTime.from(later.plusSeconds(1)));
                }));

        assertThatThrownBy(() -> splitter.copy(servers.source(), servers.sink(), "second/file.bin", 24 * MIB, later,
                MIB)).isInstanceOf(SourceChangedException.class);

        assertThat(appender.get(30, TimeUnit.SECONDS)).as("appended during the copy").isTrue();
        assertThat(servers.sinkData("second/file.bin.manifest.json")).hasBinaryContent(manifest);
        assertThat(names(servers.sinkData("second"))).containsExactlyInAnyOrder("file.bin.part0001",
                "file.bin.part0002", "file.bin.part0003", "file.bin.manifest.json");
        for (Part part : first.parts()) {
            assertThat(TestFiles.sha256(servers.sinkData("second/" + part.name()))).isEqualTo(part.sha256());
        }
    }

    @Test
    void aSourceFileCalledLikeAPartOrTheManifestIsRefusedAndNothingIsWritten() throws IOException {
        TestFiles.random(servers.sourceData("clash/file.bin"), 3 * MIB, 22, MTIME);
        TestFiles.random(servers.sourceData("clash/file.bin.part0002"), 10, 23, MTIME);
        TestFiles.random(servers.sourceData("clash2/file.bin"), 10, 24, MTIME);
        TestFiles.random(servers.sourceData("clash2/file.bin.manifest.json"), 10, 25, MTIME);

        assertThatThrownBy(() -> splitter.copy(servers.source(), servers.sink(), "clash/file.bin", 3 * MIB, MTIME,
                MIB)).isInstanceOf(OutputCollisionException.class)
                .hasMessageContaining("source file clash/file.bin.part0002");
        assertThatThrownBy(() -> splitter.copy(servers.source(), servers.sink(), "clash2/file.bin", 10, MTIME, MIB))
                .isInstanceOf(OutputCollisionException.class)
                .hasMessageContaining("source file clash2/file.bin.manifest.json");

        assertThat(servers.sinkData("clash")).doesNotExist();
        assertThat(servers.sinkData("clash2")).doesNotExist();
    }

    @Test
    void aCompressAfterASplitReplacesThePartsByTheGzip() throws IOException {
        TestFiles.random(servers.sourceData("switch/file.bin"), 3 * MIB, 26, MTIME);
        splitter.copy(servers.source(), servers.sink(), "switch/file.bin", 3 * MIB, MTIME, MIB);

        new CompressCopy().copy(servers.source(), servers.sink(), "switch/file.bin", 3 * MIB, MTIME);

        assertThat(names(servers.sinkData("switch"))).containsExactlyInAnyOrder("file.bin.gz",
                "file.bin.manifest.json");
    }

    @Test
    void aSinkThatStopsMidCopyHasNoManifestAfterItsRestartAndTheNextSplitIsWhole(@TempDir Path own)
            throws Exception {
        try (SftpPair pair = SftpPair.start(own)) {
            Path local = TestFiles.random(pair.sourceData("stop/file.bin"), 40 * MIB, 11, MTIME);

            IOException failure = failWhileWritingPartTwo(pair, "stop/file.bin", MTIME, pair.sinkServer()::stop);

            assertThat(TransferErrors.isTransient(failure)).as(TransferErrors.describe(failure)).isTrue();
            pair.sinkServer().start();
            assertThat(pair.sinkData("stop/file.bin.manifest.json")).doesNotExist();

            SplitOutcome outcome = splitter.copy(pair.source(), pair.sink(), "stop/file.bin", 40 * MIB, MTIME, 16 * MIB);

            // A stopped server cannot be cleaned up: the failed copy's temporaries stay (as FileCopier's do).
            assertThat(names(pair.sinkData("stop")).stream().filter(n -> !TempNames.isTemporary(n)))
                    .containsExactlyInAnyOrder("file.bin.part0001", "file.bin.part0002", "file.bin.part0003",
                            "file.bin.manifest.json");
            assertWholeSet(pair, outcome, "stop/file.bin", local, MTIME, 16 * MIB, 16 * MIB, 16 * MIB, 8 * MIB);
        }
    }

    @Test
    void refusesAPartSizeThatIsNotPositiveOrMakesTooManyParts() {
        assertThatThrownBy(() -> splitter.copy(servers.source(), servers.sink(), "any.bin", 10, MTIME, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partSize");
        assertThatThrownBy(() -> splitter.copy(servers.source(), servers.sink(), "any.bin", 10, MTIME, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partSize");
        assertThatThrownBy(() -> splitter.copy(servers.source(), servers.sink(), "any.bin", 10L << 30, MTIME, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> splitter.copy(servers.source(), servers.source(), "any.bin", 10, MTIME, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> splitter.copy(servers.source(), servers.sink(), "../any.bin", 10, MTIME, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Splits a 40 MiB file in 16 MiB parts and interrupts the sink once the second part is being written. */
    private IOException failWhileWritingPartTwo(SftpPair pair, String path, Instant mtime,
            TestFiles.Interruption interruption) throws Exception {
        CompletableFuture<Boolean> interrupter = CompletableFuture.supplyAsync(() -> TestFiles.interruptOnceWriting(
                pair.sinkServer().root(), "file.bin.part0002", MIB, interruption));
        IOException failure = null;
        try {
            splitter.copy(pair.source(), pair.sink(), path, 40 * MIB, mtime, 16 * MIB);
        } catch (IOException e) {
            failure = e;
        }
        assertThat(interrupter.get(30, TimeUnit.SECONDS)).as("interrupted the sink mid-copy").isTrue();
        assertThat(failure).isNotNull();
        return failure;
    }

    /** Checks the parts and the manifest at the sink against the source file and the outcome. */
    private static void assertWholeSet(SftpPair pair, SplitOutcome outcome, String path, Path local,
            Instant mtime, long partSize, long... sizes) throws IOException {
        String sha256 = TestFiles.sha256(local);
        assertThat(outcome.bytes()).isEqualTo(Files.size(local));
        assertThat(outcome.sha256()).isEqualTo(sha256);
        assertThat(outcome.manifest()).isEqualTo(path + ".manifest.json");
        assertThat(pair.sinkData(path)).doesNotExist();

        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            Path part = pair.sinkData(path + ".part" + String.format("%04d", i + 1));
            parts.add(part);
            Part listed = outcome.parts().get(i);
            assertThat(listed.name()).isEqualTo(part.getFileName().toString());
            assertThat(Files.size(part)).isEqualTo(sizes[i]).isEqualTo(listed.size());
            assertThat(TestFiles.sha256(part)).isEqualTo(listed.sha256());
            assertThat(TestFiles.mtime(part)).isEqualTo(mtime);
        }
        assertThat(outcome.parts()).hasSize(sizes.length);
        assertThat(pair.sinkData(path + ".part" + String.format("%04d", sizes.length + 1))).doesNotExist();
        assertThat(concatenatedSha256(parts)).isEqualTo(sha256);

        Path manifestFile = pair.sinkData(outcome.manifest());
        assertThat(TestFiles.mtime(manifestFile)).isEqualTo(mtime);
        JsonNode manifest = JsonMapper.shared().readTree(Files.readAllBytes(manifestFile));
        assertThat(manifest.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(manifest.get("strategy").asString()).isEqualTo("SPLIT");
        assertThat(manifest.get("path").asString()).isEqualTo(path);
        assertThat(manifest.get("size").asLong()).isEqualTo(Files.size(local));
        assertThat(manifest.get("sha256").asString()).isEqualTo(sha256);
        assertThat(manifest.get("mtime").asString()).isEqualTo(mtime.toString());
        assertThat(manifest.get("partSize").asLong()).isEqualTo(partSize);
        JsonNode listed = manifest.get("files");
        assertThat(listed.size()).isEqualTo(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            Part part = outcome.parts().get(i);
            assertThat(listed.get(i).get("name").asString()).isEqualTo(part.name());
            assertThat(listed.get(i).get("size").asLong()).isEqualTo(part.size());
            assertThat(listed.get(i).get("sha256").asString()).isEqualTo(part.sha256());
        }
    }

    private static String concatenatedSha256(List<Path> parts) throws IOException {
        List<InputStream> streams = new ArrayList<>();
        try {
            for (Path part : parts) {
                streams.add(Files.newInputStream(part));
            }
            try (InputStream all = new SequenceInputStream(Collections.enumeration(streams))) {
                return TestFiles.sha256(all);
            }
        } finally {
            for (InputStream in : streams) {
                in.close();
            }
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
