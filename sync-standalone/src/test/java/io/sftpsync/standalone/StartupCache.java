package io.sftpsync.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar started as {@code ./sftp-sync} starts it on a JDK of 25 or later: extracted, with an AOT cache
 * (JEP 483) recorded once by a demo once run. The end-to-end tests start the jar a few dozen times; each start
 * then costs about half as long, which keeps the suite within its time. On an older JDK, or when recording
 * fails, the tests run the plain jar, as the launcher does.
 */
final class StartupCache {

    private static final Path DIR = StandaloneJar.JAR.resolveSibling("startup-cache");
    private static final Path APP_JAR = DIR.resolve("app").resolve(StandaloneJar.JAR.getFileName());
    private static final Path CACHE = DIR.resolve("sftp-sync.aot");
    private static final Path STAMP = DIR.resolve("sftp-sync.aot.stamp");
    /** The options every test run uses: an AOT cache only works with the options it was recorded with. */
    private static final List<String> OPTIONS = List.of("-Xmx256m");

    private static List<String> prefix;

    private StartupCache() {
    }

    /** {@code java <options> [-XX:AOTCache=...] -jar <jar>}: the start of every command a test runs. */
    static synchronized List<String> javaJar() {
        if (prefix == null) {
            prefix = prepare();
        }
        return new ArrayList<>(prefix);
    }

    private static List<String> prepare() {
        List<String> plain = new ArrayList<>(List.of(java()));
        plain.addAll(OPTIONS);
        plain.addAll(List.of("-jar", StandaloneJar.JAR.toString()));
        if (Runtime.version().feature() < 25) {
            return plain;
        }
        try {
            String stamp = Runtime.version() + " " + OPTIONS + " " + Files.size(StandaloneJar.JAR) + " "
                    + Files.getLastModifiedTime(StandaloneJar.JAR);
            if (!Files.isRegularFile(CACHE) || !Files.exists(STAMP) || !Files.readString(STAMP).equals(stamp)) {
                record();
                Files.writeString(STAMP, stamp);
            }
            List<String> cached = new ArrayList<>(List.of(java()));
            cached.addAll(OPTIONS);
            cached.addAll(List.of("-XX:AOTCache=" + CACHE, "-Xlog:aot*=off", "-jar", APP_JAR.toString()));
            return cached;
        } catch (IOException | RuntimeException e) {
            System.err.println("StartupCache: running the plain jar (" + e + ")");
            return plain;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return plain;
        }
    }

    /** Extracts the jar and records the cache with the README's demo command. */
    private static void record() throws IOException, InterruptedException {
        deleteTree(DIR);
        Files.createDirectories(DIR);
        run(List.of(java(), "-Djarmode=tools", "-jar", StandaloneJar.JAR.toString(), "extract", "--destination",
                DIR.resolve("app").toString()), DIR.resolve("extract.log"));
        Path data = Files.createTempDirectory(DIR, "training-");
        List<String> training = new ArrayList<>(List.of(java()));
        training.addAll(OPTIONS);
        training.addAll(List.of("-XX:AOTCacheOutput=" + CACHE, "-Xlog:aot*=off", "-jar", APP_JAR.toString(),
                "--demo", "--sync.mode=once", "--sync.data-dir=" + data));
        run(training, DIR.resolve("training.log"));
        deleteTree(data);
        if (!Files.isRegularFile(CACHE)) {
            throw new IOException("the training run wrote no cache; see " + DIR.resolve("training.log"));
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command + "; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + command + "; see " + log + ":\n"
                    + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
