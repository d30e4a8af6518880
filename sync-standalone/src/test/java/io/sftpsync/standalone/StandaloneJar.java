package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar as an operator runs it: a separate JVM with -Xmx256m and, as {@code ./sftp-sync} does, the
 * start-up cache ({@link StartupCache}), pointed at the OpenSSH pair.
 */
final class StandaloneJar {

    static final Path ROOT = Path.of(System.getProperty("sftpsync.root", ".")).toAbsolutePath();
    static final Path JAR = Path.of(System.getProperty("sftpsync.jar", "target/sftp-sync.jar")).toAbsolutePath();

    private StandaloneJar() {
    }

    /** What a finished run printed and returned. */
    record Result(int exit, String output) {
    }

    /**
     * The command line for both servers of the pair, with the given mode and data directory, without
     * credentials or host keys.
     */
    static List<String> command(OpenSshPair servers, String mode, Path dataDir) {
        List<String> command = StartupCache.javaJar();
        command.addAll(List.of("--sync.mode=" + mode, "--server.port=0",
                "--sync.data-dir=" + dataDir,
                "--sync.source.host=127.0.0.1", "--sync.source.port=" + servers.get("SOURCE_PORT"),
                "--sync.source.username=" + servers.get("SOURCE_USER"), "--sync.source.base-path=" + servers.basePath(),
                "--sync.sink.host=127.0.0.1", "--sync.sink.port=" + servers.get("SINK_PORT"),
                "--sync.sink.username=" + servers.get("SINK_USER"), "--sync.sink.base-path=" + servers.basePath(),
                "--sync.scan.min-age=0s"));
        return command;
    }

    /** Adds password logins and the pair's known_hosts. */
    static List<String> withPasswords(List<String> command, OpenSshPair servers) {
        command.add("--sync.known-hosts=" + servers.get("KNOWN_HOSTS"));
        command.add("--sync.source.password=" + servers.get("SOURCE_PASSWORD"));
        command.add("--sync.sink.password=" + servers.get("SINK_PASSWORD"));
        return command;
    }

    /** Sets an option, replacing the value the command line has for it. */
    static List<String> set(List<String> command, String option, String value) {
        command.removeIf(arg -> arg.startsWith(option + "="));
        command.add(option + "=" + value);
        return command;
    }

    static Process start(List<String> command, Path workDir) throws IOException {
        return builder(command, workDir).redirectErrorStream(true).start();
    }

    /**
     * A process of the command in the directory; {@code ./sftp-sync} in it runs the jar this build packaged and never
     * builds (an install from a test would replace the artifacts other builds on the machine test against).
     */
    static ProcessBuilder builder(List<String> command, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("SFTP_SYNC_BUILD", "never");
        return builder;
    }

    /** Starts with its output going to a file: for a process the test watches or stops instead of reading. */
    static Process startLogged(List<String> command, Path workDir, Path log) throws IOException {
        return builder(command, workDir).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Stops a process as a service manager would (SIGTERM) and waits for it. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
    }

    /** Waits for the process to end (5 minutes at most) and returns its output. */
    static Result finish(Process p) throws Exception {
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
