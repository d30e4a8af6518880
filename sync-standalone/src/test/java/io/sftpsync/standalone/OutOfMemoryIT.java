package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OutOfMemoryError ends {@code ./sftp-sync} at once, with a line that says what to do and exit status 137, so
 * that cron or a supervisor sees it; before, the process went on half dead (broker and consumers stopped by the
 * error, the main thread waiting) or ended with the code of whatever caught the error. The cause here is real
 * work: the README's demo command with a heap too small for the process to start (the embedded broker, the
 * database's unpacking); the 1,000,000-entry directory of docs/benchmarks.md shows listings no longer need more.
 */
class OutOfMemoryIT {

    @TempDir
    Path data;

    @Test
    void aHeapTooSmallForTheWorkEndsTheProcessWithStatus137AndSaysHowToRaiseIt() throws Exception {
        ProcessBuilder launcher = StandaloneJar.builder(List.of(LauncherIT.LAUNCHER.toString(), "--demo",
                "--sync.mode=once", "--sync.data-dir=" + data), data).redirectErrorStream(true);
        launcher.environment().put("SFTP_SYNC_JAVA_OPTS", "-Xmx32m");
        launcher.environment().put("SFTP_SYNC_AOT", "off");

        StandaloneJar.Result r = StandaloneJar.finish(launcher.start());

        assertThat(r.exit()).as(r.output()).isEqualTo(137);
        assertThat(r.output()).contains("java.lang.OutOfMemoryError")
                .contains("sftp-sync: out of memory: the Java heap (-Xmx) is too small for this work")
                .contains("Raise -Xmx via SFTP_SYNC_JAVA_OPTS").doesNotContain("sync phase:");
    }
}
