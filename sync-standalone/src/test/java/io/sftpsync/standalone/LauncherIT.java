package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's first command as a new user runs it: {@code ./sftp-sync --demo --sync.mode=once}, twice. */
class LauncherIT {

    static final Path LAUNCHER = StartupCache.LAUNCHER;
    static final Path CACHE = StandaloneJar.ROOT.resolve("sync-standalone/target/app/sftp-sync.aot");

    @Test
    void theDemoSyncsEveryClassAndTheSecondRunStartsFromTheCacheTheFirstRecorded() throws Exception {
        // The first run of this build: the one that recorded the start-up cache the end-to-end tests share.
        StandaloneJar.Result first = StartupCache.firstRun();
        List<String> command = List.of(LAUNCHER.toString(), "--demo", "--sync.mode=once",
                "--sync.data-dir=" + StartupCache.FIRST_RUN_DATA);

        StandaloneJar.Result second;
        // The default HTTP port taken, as by a running service: a once run opens no port, so it does not care.
        try (ServerSocket ignored = holdDefaultPort()) {
            second = StandaloneJar.finish(StandaloneJar.start(command, StandaloneJar.ROOT));
        }

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).doesNotContain("Tomcat").contains("moved 86 files")
                .contains("exit 0: everything synced");
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("scan: 86 files seen, 86 up to date, 0 queued");
        if (javaMajor() >= 25) {
            assertThat(first.output()).contains("recording a start-up cache");
            assertThat(second.output()).doesNotContain("recording a start-up cache");
            assertThat(CACHE).isNotEmptyFile();
            assertThat(startup(second.output())).isLessThan(startup(first.output()));
        } else {
            assertThat(first.output()).doesNotContain("recording a start-up cache");
        }
    }

    /** Binds 127.0.0.1:8080 for the test, or returns null when something else holds it already. */
    private static ServerSocket holdDefaultPort() throws IOException {
        try {
            return new ServerSocket(8080, 50, InetAddress.getLoopbackAddress());
        } catch (BindException alreadyTaken) {
            return null;
        }
    }

    /** The major version of the JDK the launcher picks (bin/java-home). */
    private static int javaMajor() throws Exception {
        Process p = new ProcessBuilder(StandaloneJar.ROOT.resolve("bin/java-home").toString()).start();
        Path home = Path.of(new String(p.getInputStream().readAllBytes()).trim());
        assertThat(p.waitFor()).isZero();
        Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
        assertThat(m.find()).as("JAVA_VERSION in " + home.resolve("release")).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static double startup(String output) {
        Matcher m = Pattern.compile("(?m)^start-up: ([0-9.]+) s$").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
