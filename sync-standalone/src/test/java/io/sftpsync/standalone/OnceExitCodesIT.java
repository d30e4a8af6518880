package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The once mode's exit codes and console, on the packaged jar with the demo's two embedded SFTP servers, each
 * run on a source tree of its own (written where the demo keeps its source, so the demo does not seed it).
 */
class OnceExitCodesIT {

    /** A log line as Spring Boot writes it: time, level, pid. */
    static final Pattern INFO_LINE = Pattern.compile("(?m)^\\S+\\s+INFO \\d+ ");

    @TempDir
    Path data;

    @Test
    void everythingSyncedExitsZeroWithTheLogInTheDataDirectoryAndOnlyProgressAndSummaryOnTheConsole()
            throws Exception {
        tree(20, 0);

        StandaloneJar.Result r = once("--sync.standalone.progress-interval=1s");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("moved 20 files").containsPattern("progress: \\d+/20 files")
                .contains("exit 0: everything synced").contains("log: " + data.resolve("logs/sftp-sync.log"))
                .doesNotContainPattern(INFO_LINE);
        assertThat(Files.readString(data.resolve("logs/sftp-sync.log"))).containsPattern(INFO_LINE)
                .contains("scan ").contains("finished: 20 files seen");
    }

    @Test
    void aFailedTransferExitsOneAndSaysWhatWasLeftBesides() throws Exception {
        tree(5, 1);
        // A file at the sink where the source has a directory: the copy into it cannot succeed.
        Files.createDirectories(data.resolve("demo/sink"));
        Files.writeString(data.resolve("demo/sink/blocked"), "not a directory");
        write("blocked/file.txt", 100, Instant.now().minusSeconds(86_400));

        // min-age well above a start-up on a loaded machine, so the fresh file is still too new at the scan.
        StandaloneJar.Result r = once("--sync.transfer.max-attempts=1", "--sync.scan.min-age=1h");

        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("FAILED blocked/file.txt").contains("1 file(s) deferred")
                .contains("exit 1: a transfer failed or the scan reported errors");
    }

    @Test
    void resultsNotInInTimeExitThreeAndVerboseKeepsTheLogOnTheConsole() throws Exception {
        tree(20, 0);

        StandaloneJar.Result r = once("--sync.standalone.once-timeout=1ms", "--verbose");

        assertThat(r.exit()).as(r.output()).isEqualTo(3);
        assertThat(r.output()).contains("TIMED OUT").contains("exit 3: timed out waiting for results")
                .containsPattern(INFO_LINE).doesNotContain("log: ");
        assertThat(data.resolve("logs/sftp-sync.log")).doesNotExist();
    }

    @Test
    void aFileTooNewToCopyLeavesTheRunIncompleteExitFour() throws Exception {
        tree(3, 1);

        StandaloneJar.Result r = once("--sync.scan.min-age=1h");

        assertThat(r.exit()).as(r.output()).isEqualTo(4);
        assertThat(r.output()).contains("moved 3 files").contains("incomplete: 1 file(s) deferred")
                .contains("exit 4: incomplete, nothing failed");
    }

    @Test
    void anOversizedFileAPolicyApprovesIsCopiedInTheRunAndOneWaitingForAPersonLeavesItIncomplete() throws Exception {
        tree(2, 0);
        Instant yesterday = Instant.now().minusSeconds(86_400);
        write("backups/nightly.tar", 3_000_000, yesterday);
        write("media/disk.iso", 3_000_000, yesterday);

        StandaloneJar.Result r = once("--sync.thresholds.small=1MB", "--sync.thresholds.large=1MB",
                "--sync.thresholds.max=2MB", "--sync.approval.rules[0].name=backups",
                "--sync.approval.rules[0].glob=backups/**");

        assertThat(r.exit()).as(r.output()).isEqualTo(4);
        assertThat(r.output()).contains("OVERSIZED  SUCCEEDED         1        3000000")
                .contains("1 oversized file(s) approved by an approval policy, copied in this run")
                .contains("1 oversized file(s) waiting for operator approval\n  media/disk.iso (3000000 bytes)")
                .contains("approve or reject them on the operator page: http://127.0.0.1:8080/")
                .contains("exit 4: incomplete, nothing failed");
        Path sink = data.resolve("demo/sink");
        assertThat(TestFiles.sha256(sink.resolve("backups/nightly.tar")))
                .isEqualTo(TestFiles.sha256(data.resolve("demo/source/backups/nightly.tar")));
        assertThat(sink.resolve("media/disk.iso")).doesNotExist();
    }

    @Test
    void requireStableIsRefusedInOnceModeWithExitTwo() throws Exception {
        tree(1, 0);

        StandaloneJar.Result r = once("--sync.scan.require-stable=true");

        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("sync.scan.require-stable").contains("once mode runs one scan")
                .contains("sync.scan.min-age").doesNotContain("embedded Kafka broker").doesNotContain("\tat ");
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryExitsTwoNamingTheDirectoryAndTheFirst() throws Exception {
        tree(1, 0);
        // The lock as a running process holds it: an OS lock on the file, its pid inside.
        long pid = ProcessHandle.current().pid();
        try (FileChannel lockFile = FileChannel.open(data.resolve("sftp-sync.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lockFile.lock()) {
            lockFile.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)));

            StandaloneJar.Result r = once();

            assertThat(r.exit()).as(r.output()).isEqualTo(2);
            assertThat(r.output()).contains("The data directory " + data + " is in use by another sftp-sync process"
                    + " (pid " + pid + ",").doesNotContain("embedded Kafka broker").doesNotContain("\tat ");
        }
    }

    /** Runs the jar in once mode on the demo servers over this test's data directory. */
    private StandaloneJar.Result once(String... options) throws Exception {
        List<String> command = StartupCache.javaJar();
        command.addAll(List.of("--demo", "--sync.mode=once", "--sync.data-dir=" + data));
        command.addAll(List.of(options));
        return StandaloneJar.finish(StandaloneJar.start(command, data));
    }

    /** {@code old} files modified yesterday and {@code fresh} ones modified now, under the demo's source. */
    private void tree(int old, int fresh) throws IOException {
        for (int i = 0; i < old; i++) {
            write("old/file-" + i + ".bin", 1000 + i, Instant.now().minusSeconds(86_400));
        }
        for (int i = 0; i < fresh; i++) {
            write("fresh/file-" + i + ".bin", 1000 + i, Instant.now());
        }
    }

    private void write(String path, int size, Instant mtime) throws IOException {
        TreeFixture.write(data.resolve("demo/source"), path, size, mtime, new SplittableRandom(path.hashCode()));
    }
}
