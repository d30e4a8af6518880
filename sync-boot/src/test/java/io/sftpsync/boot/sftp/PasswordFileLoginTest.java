package io.sftpsync.boot.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.sftpsync.boot.config.ConnectionProperties;
import io.sftpsync.boot.config.ConnectionProperties.Connection;
import io.sftpsync.boot.config.SshTuningProperties;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.sftp.HostKeyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code sync.source.password-file}: the password from a file, so it is not on the command line. */
@ExtendWith(OutputCaptureExtension.class)
class PasswordFileLoginTest {

    static final String PASSWORD = "pass word with spaces ";

    @TempDir
    Path tmp;

    InProcessSftpServer server;

    @BeforeEach
    void start() throws Exception {
        server = InProcessSftpServer.builder(tmp.resolve("root")).user("alice", PASSWORD).start();
        Files.createDirectories(tmp.resolve("root/base"));
        Files.writeString(tmp.resolve("root/base/hello.txt"), "hello");
        server.writeKnownHosts(tmp.resolve("known_hosts"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void logsInWithThePasswordReadFromTheFileWithoutItsTrailingNewline(CapturedOutput output) throws Exception {
        Path file = secret("source.pw", PASSWORD + "\n", "rw-------");

        try (SftpPools pools = new SftpPools(connections(file), tuning())) {
            assertThat(helloSize(pools)).isEqualTo(5L);
        }
        assertThat(output.getAll()).doesNotContain("may be read by other users").doesNotContain(PASSWORD.strip());
    }

    @Test
    void aFileOthersMayReadStillWorksWithAWarning(CapturedOutput output) throws Exception {
        Path file = secret("source.pw", PASSWORD + "\r\n", "rw-r--r--");

        try (SftpPools pools = new SftpPools(connections(file), tuning())) {
            assertThat(helloSize(pools)).isEqualTo(5L);
        }
        assertThat(output.getAll()).contains("WARN").contains("sync.source.password-file: " + file
                + " may be read by other users (rw-r--r--): chmod 600");
    }

    @Test
    void aMissingFileOrBothSettingsStopStartUpNamingTheSetting() throws Exception {
        Path missing = tmp.resolve("nowhere.pw");
        assertThatIllegalStateException().isThrownBy(() -> new SftpPools(connections(missing), tuning()))
                .withMessage("sync.source.password-file: " + missing + " does not exist");

        Path file = secret("source.pw", PASSWORD, "rw-------");
        Connection both = new Connection("127.0.0.1", server.port(), "alice", PASSWORD, file, null, null, "/base", null);
        assertThatIllegalStateException().isThrownBy(() -> new SftpPools(new ConnectionProperties(both,
                        sink(), tmp.resolve("known_hosts"), HostKeyPolicy.STRICT), tuning()))
                .withMessageContaining("sync.source.password and sync.source.password-file are both set");
    }

    private static long helloSize(SftpPools pools) throws Exception {
        String path = pools.source().basePath() + "/hello.txt";
        return pools.source().call(s -> s.client().stat(path).getSize());
    }

    private Path secret(String name, String content, String mode) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private ConnectionProperties connections(Path passwordFile) {
        Connection source = new Connection("127.0.0.1", server.port(), "alice", null, passwordFile, null, null,
                "/base", null);
        return new ConnectionProperties(source, sink(), tmp.resolve("known_hosts"), HostKeyPolicy.STRICT);
    }

    private Connection sink() {
        return new Connection("127.0.0.1", server.port(), "alice", PASSWORD, null, null, null, "/base", null);
    }

    private static SshTuningProperties tuning() {
        return Binder.get(new org.springframework.core.env.StandardEnvironment()).bindOrCreate("sync",
                SshTuningProperties.class);
    }
}
