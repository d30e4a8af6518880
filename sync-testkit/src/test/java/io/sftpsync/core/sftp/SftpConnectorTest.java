package io.sftpsync.core.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sftpsync.core.errors.AuthenticationFailedException;
import io.sftpsync.core.errors.HostKeyRejectedException;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.server.InProcessSftpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host key checking and login against a real server. */
class SftpConnectorTest {

    static final String PASSPHRASE = "key-passphrase-77";

    @TempDir
    static Path serverDir;
    static KeyPair userKey;
    static InProcessSftpServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        userKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        server = InProcessSftpServer.builder(serverDir.resolve("root")).user("alice", "correct-horse-42")
                .authorizedKey(userKey.getPublic()).start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void strictRefusesAnUnknownHostAndSaysWhatToDo() {
        Path knownHosts = dir.resolve("known_hosts");

        IOException e = connectFails(knownHosts, HostKeyPolicy.STRICT, server.endpoint("source", "/"));

        assertThat(e).isInstanceOf(HostKeyRejectedException.class);
        assertThat(e.getMessage()).contains("host key of 127.0.0.1:" + server.port() + " is not in " + knownHosts)
                .contains("ssh-ed25519 SHA256:").contains("ssh-keyscan -p " + server.port() + " 127.0.0.1")
                .contains("sync.host-key-policy=accept-new");
        assertThat(TransferErrors.isTransient(e)).isFalse();
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void acceptNewTrustsOnFirstUseAndRecordsTheKey() throws IOException {
        Path knownHosts = dir.resolve("new/dir/known_hosts");

        try (SftpConnector connector = new SftpConnector(knownHosts, HostKeyPolicy.ACCEPT_NEW)) {
            assertThat(connector.pool(server.endpoint("source", "/"), SftpTuning.DEFAULT).basePath()).isEqualTo("/");
        }

        assertThat(Files.readAllLines(knownHosts)).containsExactly(server.knownHostsLine());
        // Now known, so even the strict policy lets it in.
        try (SftpConnector connector = new SftpConnector(knownHosts, HostKeyPolicy.STRICT)) {
            assertThat(connector.pool(server.endpoint("source", "/"), SftpTuning.DEFAULT).basePath()).isEqualTo("/");
        }
    }

    @Test
    void aChangedKeyIsRefusedEvenUnderAcceptNew() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        String line = "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(other.getPublic()) + "\n";
        Files.writeString(knownHosts, line);

        IOException e = connectFails(knownHosts, HostKeyPolicy.ACCEPT_NEW, server.endpoint("source", "/"));

        assertThat(e).isInstanceOf(HostKeyRejectedException.class);
        assertThat(e.getMessage()).contains("host key of 127.0.0.1:" + server.port()).contains("CHANGED")
                .contains("man-in-the-middle").contains("refused");
        assertThat(knownHosts).hasContent(line.strip());
    }

    @Test
    void hashedKnownHostsEntriesMatch() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        byte[] salt = new byte[20];
        new java.security.SecureRandom().nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(("[127.0.0.1]:" + server.port()).getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getEncoder();
        Files.writeString(knownHosts, "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash) + " "
                + PublicKeyEntry.toString(server.hostKey()) + "\n");

        try (SftpConnector connector = new SftpConnector(knownHosts, HostKeyPolicy.STRICT)) {
            assertThat(connector.pool(server.endpoint("source", "/"), SftpTuning.DEFAULT).basePath()).isEqualTo("/");
        }
    }

    @Test
    void aWrongPasswordFailsClearlyWithoutShowingThePassword() {
        Path knownHosts = dir.resolve("known_hosts");
        server.writeKnownHosts(knownHosts);
        SftpEndpoint wrong = new SftpEndpoint("sink", "127.0.0.1", server.port(), "alice", "wrong-password-123", null,
                null, "/");

        IOException e = connectFails(knownHosts, HostKeyPolicy.STRICT, wrong);

        assertThat(e).isInstanceOf(AuthenticationFailedException.class)
                .hasMessage("sink 127.0.0.1:" + server.port() + ": authentication failed for user 'alice' "
                        + "(password rejected)");
        assertThat(TransferErrors.describe(e)).doesNotContain("wrong-password-123");
        assertThat(TransferErrors.isTransient(e)).isFalse();
        assertThat(wrong.toString()).doesNotContain("wrong-password-123");
    }

    @Test
    void logsInWithAnEncryptedOpenSshPrivateKey() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        server.writeKnownHosts(knownHosts);
        Path keyFile = dir.resolve("id_ecdsa");
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        encryption.setCipherMode("CTR");
        encryption.setKdfRounds(2);
        encryption.setPassword(PASSPHRASE);
        try (OutputStream out = Files.newOutputStream(keyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "test key", encryption, out);
        }
        SftpEndpoint withKey = new SftpEndpoint("source", "127.0.0.1", server.port(), "alice", null, keyFile,
                PASSPHRASE, "/");
        SftpEndpoint wrongPassphrase = new SftpEndpoint("source", "127.0.0.1", server.port(), "alice", null, keyFile,
                "not-the-passphrase", "/");

        try (SftpConnector connector = new SftpConnector(knownHosts, HostKeyPolicy.STRICT)) {
            String home = connector.pool(withKey, SftpTuning.DEFAULT).call(s -> s.client().canonicalPath("."));
            assertThat(home).isEqualTo("/");
        }
        IOException e = connectFails(knownHosts, HostKeyPolicy.STRICT, wrongPassphrase);
        assertThat(e).isInstanceOf(AuthenticationFailedException.class).hasMessageContaining(keyFile.toString());
        assertThat(e.getMessage()).doesNotContain("not-the-passphrase").doesNotContain(PASSPHRASE);
    }

    @Test
    void anUnreachableServerIsATransientError() throws IOException {
        Path knownHosts = dir.resolve("known_hosts");
        int freePort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        SftpEndpoint nobody = new SftpEndpoint("source", "127.0.0.1", freePort, "alice", "x", null, null, "/");

        IOException e = connectFails(knownHosts, HostKeyPolicy.STRICT, nobody);

        assertThat(e.getMessage()).startsWith("source 127.0.0.1:" + freePort + ": cannot connect");
        assertThat(TransferErrors.isTransient(e)).isTrue();
    }

    private static IOException connectFails(Path knownHosts, HostKeyPolicy policy, SftpEndpoint endpoint) {
        try (SftpConnector connector = new SftpConnector(knownHosts, policy)) {
            SftpPool pool = connector.pool(endpoint, SftpTuning.DEFAULT);
            return catchThrowableOfType(IOException.class, () -> pool.call(s -> null));
        }
    }
}
