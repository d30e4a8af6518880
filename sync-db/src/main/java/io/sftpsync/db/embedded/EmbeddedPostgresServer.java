package io.sftpsync.db.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    /** The superuser initdb creates; its password is {@link #password()}. */
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    /** The only address the server listens on (IPv4: zonky's start-up probe connects there). */
    private static final String LOOPBACK = "127.0.0.1";

    /** Crash recovery after a killed server replays the WAL since the last checkpoint before accepting connections. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_GRACE_PERIOD = Duration.ofSeconds(15);

    /** Directories of the servers this JVM runs: closing a second lock on one from this JVM would drop the first. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres, String password) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.password = password;
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
            boolean created = !Files.exists(directory.resolve("PG_VERSION"));
            // A new cluster gets its password from initdb; one made before passwords existed gets it once started.
            String kept = created ? ClusterPassword.generate() : ClusterPassword.read(directory);
            EmbeddedPostgres postgres;
            Path initdbPasswordFile = created ? Files.createTempFile("sftp-sync-initdb", ".pw",
                    PosixFilePermissions.asFileAttribute(ClusterPassword.OWNER_ONLY)) : null;
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        // Spring stops the server when its context closes, after the components that use it.
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(STARTUP_WAIT)
                        // zonky's defaults suit throw-away test databases: it passes -F (fsync off) and turns
                        // synchronous_commit off. This directory outlives the process: commits must reach the disk.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        // TCP on the loopback only: no socket lock files in /tmp for a killed server to leave
                        // behind, nothing reachable from another host.
                        .setServerConfig("unix_socket_directories", "")
                        .setServerConfig("listen_addresses", LOOPBACK)
                        .setServerConfig("password_encryption", "scram-sha-256")
                        // The same collation whatever the machine's LANG (initdb fails on a locale that is not
                        // installed).
                        .setLocaleConfig("locale", "C")
                        // Runs after initdb and before the server starts, on a new cluster and an existing one.
                        .setDataDirectoryCustomizer(dir -> preparePasswordAuthentication(directory, kept));
                if (kept != null) {
                    // zonky's start-up probe logs in.
                    builder.setConnectConfig("password", kept);
                }
                if (created) {
                    Files.writeString(initdbPasswordFile, kept + "\n");
                    // zonky passes each locale setting to initdb as --name=value: the file's path, not the password.
                    builder.setLocaleConfig("pwfile", initdbPasswordFile.toString());
                }
                postgres = builder.start();
            } finally {
                if (initdbPasswordFile != null) {
                    Files.deleteIfExists(initdbPasswordFile);
                }
            }
            String password = kept;
            if (password == null) {
                password = ClusterPassword.setOnRunningCluster(directory, jdbcUrl(postgres.getPort()), USER);
                log.warn("the embedded PostgreSQL in {} had no password (created by an earlier version): it has one"
                        + " now, in {}", directory, ClusterPassword.file(directory));
            }
            FirstStart.markComplete(directory);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(directory, postgres, password);
            log.info("embedded PostgreSQL at {} (user {}, password in {}), data in {}", server.jdbcUrl(), USER,
                    ClusterPassword.file(directory), directory);
            return server;
        } catch (IOException | RuntimeException e) {
            IN_USE.remove(directory);
            throw e;
        }
    }

    /**
     * Writes the password file of a new cluster and the client authentication of every start: password only, or,
     * for a cluster without a password yet, trust on 127.0.0.1 for the moment it takes to set one.
     */
    private static void preparePasswordAuthentication(Path directory, String password) {
        try {
            if (password == null) {
                ClusterPassword.trustUntilPasswordSet(directory);
                return;
            }
            if (!Files.exists(ClusterPassword.file(directory))) {
                ClusterPassword.writeOwnerOnly(ClusterPassword.file(directory), password);
            }
            ClusterPassword.requirePassword(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare password authentication in " + directory, e);
        }
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + DATABASE;
    }

    /** The JDBC URL of the {@value #DATABASE} database, without credentials. */
    public String jdbcUrl() {
        return jdbcUrl(postgres.getPort());
    }

    /** The superuser's password, also kept in {@code sftp-sync-password} in the data directory (mode 0600). */
    public String password() {
        return password;
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
