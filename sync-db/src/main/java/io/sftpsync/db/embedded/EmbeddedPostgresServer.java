package io.sftpsync.db.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on a persistent data directory, for the standalone mode
 * and the tests. The directory is initialised on first use and never wiped, so a restart finds its data. What a
 * killed process left is dealt with first: a server still running on the directory is stopped, a stale
 * {@code postmaster.pid} removed, the remains of an interrupted first initdb moved aside. A directory that a live
 * process uses is refused.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** The superuser initdb creates; the server trusts local connections, so it has no password. */
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    /** Crash recovery after a killed server replays the WAL since the last checkpoint before accepting connections. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_GRACE_PERIOD = Duration.ofSeconds(15);

    /** Directories of the servers this JVM runs: closing a second lock on one from this JVM would drop the first. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    /**
     * Starts a server on {@code dataDirectory}, creating and initialising the directory when needed.
     *
     * @param dataDirectory the PostgreSQL data directory, such as {@code ./data/postgres}
     * @return the running server; {@link #close()} stops it
     * @throws IllegalStateException when another live process, or this one, already runs a server on the directory
     * @throws IOException           when the directory cannot be created or the server does not start
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        Path directory = dataDirectory.toRealPath();
        if (!IN_USE.add(directory)) {
            throw new IllegalStateException("the embedded PostgreSQL data directory " + directory
                    + " is already in use in this process");
        }
        try {
            OrphanedPostgres.awaitInitdb(directory, STARTUP_WAIT);
            if (Files.exists(directory.resolve("PG_VERSION"))) {
                try (DataDirectoryLock lock = DataDirectoryLock.acquire(directory)) {
                    OrphanedPostgres.stop(directory, ORPHAN_GRACE_PERIOD);
                }
            }
            FirstStart.moveAsideIfIncomplete(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // Spring stops the server when its context closes, after the components that use it.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    // zonky's defaults suit throw-away test databases: it passes -F (fsync off) and turns
                    // synchronous_commit off. This directory outlives the process: commits must reach the disk.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // TCP on localhost only: no socket lock files in /tmp for a killed server to leave behind.
                    .setServerConfig("unix_socket_directories", "")
                    // The same collation whatever the machine's LANG (initdb fails on a locale that is not installed).
                    .setLocaleConfig("locale", "C")
                    .start();
            FirstStart.markComplete(directory);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(directory, postgres);
            log.info("embedded PostgreSQL at {} (user {}), data in {}", server.jdbcUrl(), USER, directory);
            return server;
        } catch (IOException | RuntimeException e) {
            IN_USE.remove(directory);
            throw e;
        }
    }

    /** The JDBC URL of the {@value #DATABASE} database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server ({@code pg_ctl stop -m fast}); the data stays. */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            IN_USE.remove(dataDirectory);
        }
    }
}
