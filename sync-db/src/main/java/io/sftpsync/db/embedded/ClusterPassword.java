package io.sftpsync.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * The superuser password of the embedded cluster and the client authentication that requires it. The password is
 * random, generated once, and kept in the data directory in an owner-only file; {@code pg_hba.conf} is rewritten
 * at every start to accept only SCRAM-SHA-256 over loopback TCP (the server has no Unix socket), so another local
 * user who finds the port gets nothing without the file.
 */
final class ClusterPassword {

    /** In the PostgreSQL data directory, which PostgreSQL itself keeps owner-only (0700). */
    static final String FILE_NAME = "sftp-sync-password";

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final String SCRAM_ONLY = """
            # Written by sftp-sync at every start: the superuser's password (SCRAM-SHA-256) over loopback TCP, and
            # nothing else (the server opens no Unix socket). The password is in sftp-sync-password beside this file.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    /** Only for the one start that gives a cluster made before passwords existed its password. */
    private static final String TRUST_UNTIL_PASSWORD_SET = """
            # Written by sftp-sync for the one start that sets the superuser's password on a cluster created
            # without one; replaced by password authentication as soon as the password is set.
            host all all 127.0.0.1/32 trust
            """;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

    private ClusterPassword() {
    }

    static Path file(Path dataDirectory) {
        return dataDirectory.resolve(FILE_NAME);
    }

    /** 256 random bits as hex: nothing that needs quoting in a file, a URL or SQL. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The password of a cluster that has one, or {@code null} for a cluster created without. */
    static String read(Path dataDirectory) throws IOException {
        Path file = file(dataDirectory);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
    }

    /**
     * Writes {@code password} to a new owner-only file (created with mode 0600, never readable by others even for
     * a moment), replacing {@code target} atomically.
     */
    static void writeOwnerOnly(Path target, String password) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temp, password + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code pg_hba.conf} for a cluster whose superuser has its password. */
    static void requirePassword(Path dataDirectory) throws IOException {
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), SCRAM_ONLY, StandardCharsets.UTF_8);
    }

    /** {@code pg_hba.conf} for the start that sets the password of a cluster created without one. */
    static void trustUntilPasswordSet(Path dataDirectory) throws IOException {
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), TRUST_UNTIL_PASSWORD_SET, StandardCharsets.UTF_8);
    }

    /**
     * Gives the superuser of a running cluster started with {@link #trustUntilPasswordSet} a new password, keeps it
     * in the password file, and switches the server to password authentication. The password reaches the server
     * only as a SCRAM verifier computed here. The file is written after the server took the password, so a process
     * killed in between repeats this at its next start.
     *
     * @return the password now required
     */
    static String setOnRunningCluster(Path dataDirectory, String jdbcUrl, String user) throws IOException {
        String password = generate();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, null)) {
            c.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), "scram-sha-256");
            writeOwnerOnly(file(dataDirectory), password);
            requirePassword(dataDirectory);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IOException("could not set the password of the embedded PostgreSQL in " + dataDirectory, e);
        }
        awaitPasswordRequired(dataDirectory, jdbcUrl, user);
        return password;
    }

    /** The reload is asynchronous: nothing may start on the server while it still trusts every local user. */
    private static void awaitPasswordRequired(Path dataDirectory, String jdbcUrl, String user) throws IOException {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection unauthenticated = DriverManager.getConnection(jdbcUrl, user, null)) {
                Thread.sleep(20);
            } catch (SQLException refused) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("the embedded PostgreSQL in " + dataDirectory
                + " still accepts connections without a password after its configuration was reloaded");
    }
}
