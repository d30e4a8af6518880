package io.sftpsync.core.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server inside this JVM (Apache MINA SSHD) serving one local directory to one password user on
 * 127.0.0.1: the demo mode's two servers, and the fast servers of the tests. It can be stopped and started
 * again on the same port with the same host key.
 */
public final class EmbeddedSftpServer implements AutoCloseable {

    private final Path root;
    private final String username;
    private final String password;
    private final KeyPairProvider hostKeys;
    private final Consumer<SshServer> customizer;
    private int port;
    private SshServer server;

    private EmbeddedSftpServer(Path root, String username, String password, KeyPairProvider hostKeys,
            Consumer<SshServer> customizer, int port) {
        this.root = root;
        this.username = username;
        this.password = password;
        this.hostKeys = hostKeys;
        this.customizer = customizer;
        this.port = port;
    }

    /**
     * Starts a server whose host key is kept in a file.
     *
     * @param root        the directory served as the user's "/"
     * @param username    the one user
     * @param password    its password
     * @param hostKeyFile where the host key is kept (generated on first start)
     * @param port        port on 127.0.0.1, or 0 for a free one
     * @return the running server
     * @throws IOException when the directory cannot be created or the port not bound
     */
    public static EmbeddedSftpServer start(Path root, String username, String password, Path hostKeyFile, int port)
            throws IOException {
        Files.createDirectories(hostKeyFile.toAbsolutePath().getParent());
        return start(root, username, password, new SimpleGeneratorHostKeyProvider(hostKeyFile), s -> { }, port);
    }

    /**
     * Starts a server with the given host keys, letting the caller adjust MINA's server before it starts
     * (the tests' extra authenticators, limits and listeners).
     *
     * @param root       the directory served as the user's "/"
     * @param username   the one user
     * @param password   its password
     * @param hostKeys   the host keys
     * @param customizer called on every (re)start, after the defaults are set
     * @param port       port on 127.0.0.1, or 0 for a free one
     * @return the running server
     * @throws IOException when the directory cannot be created or the port not bound
     */
    public static EmbeddedSftpServer start(Path root, String username, String password, KeyPairProvider hostKeys,
            Consumer<SshServer> customizer, int port) throws IOException {
        Objects.requireNonNull(password, "password");
        Files.createDirectories(root);
        EmbeddedSftpServer s = new EmbeddedSftpServer(root.toAbsolutePath().normalize(), username, password,
                hostKeys, customizer, port);
        s.start();
        return s;
    }

    /** Starts again after {@link #stop()}, on the same port and with the same host key. */
    public synchronized void start() throws IOException {
        if (server != null && server.isStarted()) {
            return;
        }
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        sshd.setKeyPairProvider(hostKeys);
        sshd.setPasswordAuthenticator((user, pass, session) -> username.equals(user) && password.equals(pass));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        customizer.accept(sshd);
        sshd.start();
        server = sshd;
        port = sshd.getPort();
    }

    /** Stops at once, dropping every connection. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.stop(true);
            server = null;
        }
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    public String username() {
        return username;
    }

    /** This server's host key as a known_hosts line. */
    public String knownHostsLine() throws IOException {
        try {
            KeyPair pair = hostKeys.loadKeys(null).iterator().next();
            PublicKey key = pair.getPublic();
            return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key);
        } catch (Exception e) {
            throw new IOException("cannot read the host key of the embedded server: " + e.getMessage(), e);
        }
    }

    /** Appends this server's host key to a known_hosts file, creating it when missing. */
    public void appendKnownHosts(Path knownHosts) throws IOException {
        Path parent = knownHosts.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(knownHosts, knownHostsLine() + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
