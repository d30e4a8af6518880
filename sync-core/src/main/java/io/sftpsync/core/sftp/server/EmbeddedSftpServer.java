package io.sftpsync.core.sftp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
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
    private final Path hostKeyFile;
    private int port;
    private SshServer server;

    private EmbeddedSftpServer(Path root, String username, String password, Path hostKeyFile, int port) {
        this.root = root;
        this.username = username;
        this.password = password;
        this.hostKeyFile = hostKeyFile;
        this.port = port;
    }

    /**
     * Starts a server.
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
        Objects.requireNonNull(password, "password");
        Files.createDirectories(root);
        Files.createDirectories(hostKeyFile.toAbsolutePath().getParent());
        EmbeddedSftpServer s = new EmbeddedSftpServer(root.toAbsolutePath().normalize(), username, password, hostKeyFile, port);
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
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKeyFile));
        sshd.setPasswordAuthenticator((user, pass, session) -> username.equals(user) && password.equals(pass));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
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
            KeyPair pair = server.getKeyPairProvider().loadKeys(null).iterator().next();
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
