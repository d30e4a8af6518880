package io.sftpsync.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing open to another local user: the embedded cluster takes its random password and only over loopback. */
class PasswordAuthenticationIT {

    @TempDir
    Path tmp;

    @Test
    void aNewClusterRefusesConnectionsWithoutTheRandomPasswordKeptInAnOwnerOnlyFile() throws Exception {
        Path dir = tmp.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            assertPasswordRequired(server);
            assertThat(server.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
            assertThat(listenAddresses(server)).isEqualTo("127.0.0.1");
            assertNotReachableOffLoopback(server.port());
        }
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dir)) {
            // The next start keeps the password (and the data) and still requires it.
            assertThat(again.password()).isEqualTo(Files.readString(ClusterPassword.file(dir.toRealPath())).strip());
            assertPasswordRequired(again);
        }
    }

    @Test
    void aClusterCreatedWithoutAPasswordGetsOneAtItsNextStartAndKeepsItsData() throws Exception {
        Path dir = tmp.resolve("postgres");
        Files.createDirectories(dir);
        // What earlier versions made: zonky's defaults, trust for every local connection, no password.
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(dir)
                .setCleanDataDirectory(false).setServerConfig("unix_socket_directories", "")
                .setLocaleConfig("locale", "C").start();
                Connection c = legacy.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('from before passwords')");
        }
        Files.writeString(dir.resolve(FirstStart.MARKER), "started\n");
        assertThat(ClusterPassword.file(dir)).doesNotExist();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            assertPasswordRequired(server);
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER,
                    server.password()); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT text FROM note")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("from before passwords");
            }
        }
    }

    private static void assertPasswordRequired(EmbeddedPostgresServer server) throws Exception {
        Path file = ClusterPassword.file(server.dataDirectory());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.dataDirectory())))
                .isEqualTo("rwx------");
        assertThat(server.password()).hasSize(64).isEqualTo(Files.readString(file).strip());
        assertThatExceptionOfType(SQLException.class).as("without a password").isThrownBy(() ->
                DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, null).close());
        assertThatExceptionOfType(SQLException.class).as("with a wrong password").isThrownBy(() ->
                DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "postgres").close())
                .withMessageContaining("password authentication failed");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER,
                server.password()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT auth_method FROM pg_hba_file_rules ORDER BY rule_number")) {
            assertThat(rs.next()).isTrue();
            do {
                assertThat(rs.getString(1)).isEqualTo("scram-sha-256");
            } while (rs.next());
        }
    }

    private static String listenAddresses(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER,
                server.password()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW listen_addresses")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Every non-loopback address of this host (if it has any) refuses a TCP connection on the port. */
    private static void assertNotReachableOffLoopback(int port) throws Exception {
        List<InetAddress> addresses = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
        for (InetAddress address : addresses) {
            try (Socket socket = new Socket()) {
                assertThatExceptionOfType(java.io.IOException.class).as("port %d on %s", port, address)
                        .isThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 2000));
            }
        }
    }
}
