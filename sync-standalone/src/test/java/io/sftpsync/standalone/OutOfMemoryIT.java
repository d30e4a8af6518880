package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An OutOfMemoryError ends {@code ./sftp-sync} at once, with a line that says what to do and exit status 137, so
 * that cron or a supervisor sees it; before, the process went on half dead (broker and consumers stopped by the
 * error, the main thread waiting). The cause here is real work: a directory listed whole in memory because the
 * operator raised {@code sync.scan.listing-memory-entries} far beyond what {@code -Xmx64m} holds.
 */
class OutOfMemoryIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/oom");
    static final int ENTRIES = 300_000;

    @Test
    void aListingTooBigForTheHeapEndsTheProcessWithStatus137AndSaysHowToRaiseTheHeap() throws Exception {
        try (OpenSshPair servers = OpenSshPair.start(StandaloneJar.ROOT, WORK.resolve("sftp"))) {
            Path wide = Files.createDirectories(servers.sourceRoot().resolve("wide"));
            FileTime yesterday = FileTime.from(TreeFixture.YESTERDAY);
            for (int i = 0; i < ENTRIES; i++) {
                Files.setLastModifiedTime(Files.createFile(wide.resolve("entry-%07d".formatted(i))), yesterday);
            }
            List<String> jar = StandaloneJar.withPasswords(StandaloneJar.command(servers, "once",
                    WORK.resolve("data")), servers);
            // The launcher instead of java -Xmx256m -jar <jar>: its JVM options are what is under test.
            List<String> command = new ArrayList<>(List.of(LauncherIT.LAUNCHER.toString()));
            command.addAll(jar.subList(4, jar.size()));
            command.add("--sync.scan.dry-run=true");
            command.add("--sync.scan.listing-memory-entries=100000000");
            ProcessBuilder launcher = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true);
            launcher.environment().put("SFTP_SYNC_JAVA_OPTS", "-Xmx64m");
            launcher.environment().put("SFTP_SYNC_AOT", "off");

            StandaloneJar.Result r = StandaloneJar.finish(launcher.start());

            assertThat(r.exit()).as(r.output()).isEqualTo(137);
            assertThat(r.output()).contains("scan ").contains(" started (")
                    .contains("sftp-sync: out of memory: the Java heap (-Xmx) is too small for this work")
                    .contains("Raise -Xmx via SFTP_SYNC_JAVA_OPTS").doesNotContainPattern("scan \\S+ finished");
        }
    }
}
