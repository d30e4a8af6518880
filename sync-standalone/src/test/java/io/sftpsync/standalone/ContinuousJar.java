package io.sftpsync.standalone;

import io.sftpsync.testkit.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The packaged jar in continuous mode between an OpenSSH pair, scanning on request only, with one operator
 * ({@code olga}, given through the environment as an operator would) and its log in the work directory: what the
 * end-to-end tests of the services drive over the API and the broker.
 */
final class ContinuousJar implements AutoCloseable {

    /** How long {@link #await} waits before it fails with the log's tail. */
    static final Duration WAIT = Duration.ofMinutes(3);

    final ApiClient api;
    final String brokers;
    private final Process process;
    private final Path log;

    private ContinuousJar(Process process, Path log, ApiClient api, String brokers) {
        this.process = process;
        this.log = log;
        this.api = api;
        this.brokers = brokers;
    }

    /** Starts it on fresh ports and waits until its health answers. */
    static ContinuousJar start(OpenSshPair servers, Path work, String... settings) throws Exception {
        int port = LocalResources.freePort();
        int kafkaPort = LocalResources.freePort();
        List<String> command = StandaloneJar.withPasswords(
                StandaloneJar.command(servers, "continuous", work.resolve("data")), servers);
        StandaloneJar.set(command, "--server.port", String.valueOf(port));
        command.addAll(List.of("--sync.scan.cron=-", "--sync.standalone.kafka-port=" + kafkaPort));
        command.addAll(new ArrayList<>(List.of(settings)));
        Path log = work.resolve("sync.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        String password = UUID.randomUUID().toString();
        builder.environment().put("SYNC_SECURITY_USERS_0_USERNAME", "olga");
        builder.environment().put("SYNC_SECURITY_USERS_0_PASSWORD", "{noop}" + password);
        builder.environment().put("SYNC_SECURITY_USERS_0_ROLES", "operator");
        ContinuousJar jar = new ContinuousJar(builder.start(), log, new ApiClient(port, "olga", password),
                "127.0.0.1:" + kafkaPort);
        jar.await(jar::healthy, "the service is up");
        return jar;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Until the check holds; fails at once when the process ended, and after {@link #WAIT}, with the log. */
    void await(Check check, String what) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!check.ok()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached: " + what + (process.isAlive() ? "" : " (the process ended)")
                        + "\n" + tail());
            }
            Thread.sleep(250);
        }
    }

    private boolean healthy() {
        try {
            return api.get("/actuator/health").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        StandaloneJar.stop(process);
    }
}
