package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./sftp-sync replay} through the launcher script and the packaged jar: the command starts no Spring context
 * and no broker, records no start-up cache, and exits with its own codes (ReplayIT covers them against a server).
 */
class ReplayLauncherIT {

    @Test
    void replayIsAClientThatAnswersAtOnceWithItsExitCodes() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run unreachable = run(List.of("replay", "--url", "http://127.0.0.1:" + closed, "--user", "ops",
                "--topic", "sftp.transfers.results", "--target", "replay.look"), "secret");
        assertThat(unreachable.exit()).as(unreachable.output()).isEqualTo(2);
        assertThat(unreachable.output()).contains("sftp-sync replay: cannot reach http://127.0.0.1:" + closed)
                .doesNotContain("secret").doesNotContain("recording a start-up cache").doesNotContain("Spring");
        assertThat(unreachable.took()).isLessThan(Duration.ofSeconds(30));

        Run usage = run(List.of("replay", "--topic", "sftp.transfers.results", "--password", "secret"), null);
        assertThat(usage.exit()).as(usage.output()).isOne();
        assertThat(usage.output()).contains("a password is never an argument").contains("usage: ./sftp-sync replay");

        Run help = run(List.of("replay", "--help"), null);
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("exit: 0 done, 1 refused or bad request, 2 cannot reach");
    }

    record Run(int exit, String output, Duration took) {
    }

    private static Run run(List<String> args, String password) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(StartupCache.LAUNCHER.toString()));
        command.addAll(args);
        ProcessBuilder builder = StandaloneJar.builder(command, StandaloneJar.ROOT).redirectErrorStream(true);
        builder.environment().remove("SFTP_SYNC_PASSWORD");
        if (password != null) {
            builder.environment().put("SFTP_SYNC_PASSWORD", password);
        }
        long start = System.nanoTime();
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output, Duration.ofNanos(System.nanoTime() - start));
    }
}
