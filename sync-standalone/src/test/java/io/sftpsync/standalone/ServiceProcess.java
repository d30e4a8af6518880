package io.sftpsync.standalone;

import io.sftpsync.testkit.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service started from its own executable jar ({@code <module>-<version>-exec.jar}) as a JVM of its own, as an
 * operator runs it apart from the others: every setting in the environment, so no secret is on the command line;
 * its output in a log file of its own.
 */
final class ServiceProcess implements AutoCloseable {

    /**
     * Modest heaps, and the client compiler only: seven JVMs start at once on a small machine beside the broker and
     * the database, where C2's compilations of start-up code cost more CPU than they save in a run this short.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError");

    final String name;
    final ApiClient api;
    private final Process process;
    private final Path log;
    /** Set when the test kills or stops it. */
    private volatile boolean stopped;

    private ServiceProcess(String name, Process process, Path log, ApiClient api) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /** The packaged jar of a service module, as the build names it to the test ({@code sftpsync.jar.<module>}). */
    static Path jar(String module) {
        String property = "sftpsync.jar." + module;
        String file = System.getProperty(property);
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException(property + " names no file (" + file + "): run this test through Maven"
                    + " (bin/mvn -pl sync-standalone -am verify), which packages the services first");
        }
        return Path.of(file);
    }

    /**
     * Starts {@code java <options> -jar <module's exec jar>} in {@code dir}, with the given environment replacing
     * whatever Spring or sync settings this JVM's own environment holds, and HTTP on {@code port}; its API client
     * logs in as {@code user}.
     */
    static ServiceProcess start(String name, String module, int port, Map<String, String> env, Path dir,
            String user, String password) throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar(module).toString()));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SYNC_") || k.startsWith("SPRING_")
                || k.startsWith("SERVER_") || k.startsWith("MANAGEMENT_"));
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        return new ServiceProcess(name, builder.start(), log, new ApiClient(port, user, password));
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether it ended without the test killing or stopping it: it failed. */
    boolean endedByItself() {
        return !process.isAlive() && !stopped;
    }

    /** Until its readiness probe answers 200 (broker, database and servers reachable as it needs them). */
    void awaitReady(Instant deadline) throws Exception {
        while (!ready()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + " not ready" + (process.isAlive() ? "" : " (the process ended)")
                        + "\n" + tail());
            }
            Thread.sleep(250);
        }
    }

    private boolean ready() {
        try {
            return api.get("/actuator/health/readiness").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The sum of a counter's samples in {@code /actuator/prometheus} whose labels include {@code label} (such as
     * {@code status="succeeded"}); 0 when it has none.
     */
    double counter(String series, String label) {
        double sum = 0;
        for (String line : api.get("/actuator/prometheus").body().split("\n")) {
            if (line.startsWith(series + "{") && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** kill -9: no shutdown hook, no graceful stop, nothing committed or published any more. */
    void kill() throws InterruptedException {
        stopped = true;
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL");
        }
    }

    /** The last lines of its log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "--- " + name + " (" + log + ") ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "--- " + name + ": no log (" + e + ")";
        }
    }

    /** Asks it to stop as a service manager would (SIGTERM), without waiting. */
    void terminate() {
        stopped = true;
        process.destroy();
    }

    /** Kills it at once, without waiting: for a test JVM that is ending. */
    void destroyForcibly() {
        stopped = true;
        process.destroyForcibly();
    }

    /** Stops it (SIGTERM), then forcibly after a minute. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        StandaloneJar.stop(process);
    }
}
