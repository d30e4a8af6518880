package io.sftpsync.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged jar started as {@code ./sftp-sync} starts it: on a JDK of 25 or later extracted, with the launcher's
 * JVM options and the AOT cache (JEP 483) the launcher records on its first run. The end-to-end tests start the jar
 * a few dozen times; each start then costs about half as long, which keeps the suite within its time. The cache is
 * recorded once per build, by the README's first command run through the launcher ({@link #firstRun()}, which
 * {@link LauncherIT} checks); where that leaves no cache the tests run the plain jar.
 */
final class StartupCache {

    static final Path LAUNCHER = StandaloneJar.ROOT.resolve("sftp-sync");
    private static final Path APP = StandaloneJar.ROOT.resolve("sync-standalone/target/app");
    private static final Path CACHE = APP.resolve("sftp-sync.aot");
    private static final Path RUN = StandaloneJar.JAR.resolveSibling("startup-cache");
    /** The data directory of the first run, kept for a second run over it. */
    static final Path FIRST_RUN_DATA = RUN.resolve("data");

    private static StandaloneJar.Result firstRun;
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

    /**
     * {@code ./sftp-sync --demo --sync.mode=once} over {@link #FIRST_RUN_DATA}, run once per build: on a JDK of 25
     * or later, the run that recorded the cache.
     */
    static synchronized StandaloneJar.Result firstRun() throws Exception {
        if (firstRun == null) {
            Files.createDirectories(RUN);
            Path output = RUN.resolve("first-run.txt");
            Path exit = RUN.resolve("first-run.exit");
            if (!(cached() && Files.exists(output) && Files.exists(exit))) {
                LocalResources.deleteTree(FIRST_RUN_DATA);
                Files.deleteIfExists(CACHE);
                Process p = StandaloneJar.start(java.util.List.of(LAUNCHER.toString(), "--demo", "--sync.mode=once",
                        "--sync.data-dir=" + FIRST_RUN_DATA), RUN);
                StandaloneJar.Result r = StandaloneJar.finish(p);
                Files.writeString(output, r.output());
                Files.writeString(exit, Integer.toString(r.exit()));
            }
            firstRun = new StandaloneJar.Result(Integer.parseInt(Files.readString(exit).strip()),
                    Files.readString(output));
        }
        return firstRun;
    }

    private static List<String> prepare() {
        List<String> plain = new ArrayList<>(List.of(java(), "-Xmx256m", "-jar", StandaloneJar.JAR.toString()));
        try {
            firstRun();
            if (!cached()) {
                return plain;
            }
            List<String> cached = new ArrayList<>(List.of(java()));
            cached.addAll(launcherOptions());
            cached.addAll(List.of("-XX:AOTCache=" + CACHE, "-Xlog:aot*=off", "-jar",
                    APP.resolve("sftp-sync.jar").toString()));
            return cached;
        } catch (Exception e) {
            System.err.println("StartupCache: running the plain jar (" + e + ")");
            return plain;
        }
    }

    /** Whether the launcher's cache is there, for this build's jar, this JDK and the launcher's default options. */
    private static boolean cached() throws IOException {
        Path stamp = APP.resolve("sftp-sync.aot.stamp");
        Path jar = APP.resolve("sftp-sync.jar");
        return Runtime.version().feature() >= 25 && Files.isRegularFile(CACHE) && Files.isRegularFile(jar)
                && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(StandaloneJar.JAR)) >= 0
                && Files.isRegularFile(stamp)
                && Files.readString(stamp).strip().equals(Runtime.version() + " " + String.join(" ", launcherOptions()));
    }

    /** The JVM options ./sftp-sync uses without SFTP_SYNC_JAVA_OPTS; the cache is recorded with them. */
    private static List<String> launcherOptions() {
        return List.of("-XX:+UseParallelGC", "-Xmx256m",
                "-XX:OnOutOfMemoryError='" + StandaloneJar.ROOT.resolve("bin/out-of-memory") + "' %p",
                "-XX:+ExitOnOutOfMemoryError");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
