package io.sftpsync.core.testing;

import io.sftpsync.core.server.EmbeddedSftpServer;
import io.sftpsync.core.sftp.SftpEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * A real SFTP server for tests (Apache MINA SSHD on 127.0.0.1, a random port, an ed25519 host key) serving one
 * local directory to one password user. It can be stopped and started again on the same port with the same
 * host key, and counts the SSH sessions and channels open at once.
 */
public final class TestSftpServer implements AutoCloseable {

    /** As OpenSSH's sftp-server (limits@openssh.com): 255 KiB per read or write request. */
    public static final int OPENSSH_MAX_REQUEST = 255 * 1024;

    private final Path root;
    private final String username;
    private final String password;
    private final KeyPair hostKey;
    private final Set<String> unlistable;
    private final int maxRequest;
    private final List<PublicKey> authorizedKeys;
    private final boolean posixRename;
    private final AtomicInteger openChannels = new AtomicInteger();
    private final AtomicInteger maxOpenChannels = new AtomicInteger();
    private final AtomicInteger openSessions = new AtomicInteger();
    private final AtomicInteger maxOpenSessions = new AtomicInteger();
    private EmbeddedSftpServer server;
    /** MINA's server of the current start, for dropping its connections. */
    private volatile SshServer sshd;

    private TestSftpServer(Builder b, KeyPair hostKey) {
        this.root = b.root.toAbsolutePath();
        this.username = b.username;
        this.password = b.password;
        this.hostKey = hostKey;
        this.unlistable = Set.copyOf(b.unlistable);
        this.maxRequest = b.maxRequest;
        this.authorizedKeys = List.copyOf(b.authorizedKeys);
        this.posixRename = b.posixRename;
    }

    /**
     * Starts describing a server.
     *
     * @param root the directory served as the user's "/" (created if missing)
     * @return a builder with user "test", password "test-secret"
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Configures a {@link TestSftpServer}. */
    public static final class Builder {
        private final Path root;
        private String username = "test";
        private String password = "test-secret";
        private final Set<String> unlistable = new HashSet<>();
        private int maxRequest = OPENSSH_MAX_REQUEST;
        private final List<PublicKey> authorizedKeys = new ArrayList<>();
        private boolean posixRename = true;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /**
         * The one user.
         *
         * @param username the user name
         * @param password its password
         * @return this builder
         */
        public Builder user(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /**
         * Makes directories of a name unlistable, as a directory without read permission is (tests run as root,
         * which chmod cannot stop).
         *
         * @param directoryName the directory name, at any depth
         * @return this builder
         */
        public Builder unlistable(String directoryName) {
            unlistable.add(directoryName);
            return this;
        }

        /**
         * The largest read or write request the server serves and announces (limits@openssh.com).
         *
         * @param bytes the limit, {@link #OPENSSH_MAX_REQUEST} unless set
         * @return this builder
         */
        public Builder maxRequest(int bytes) {
            this.maxRequest = bytes;
            return this;
        }

        /**
         * Does not offer posix-rename@openssh.com, as servers other than OpenSSH may not.
         *
         * @return this builder
         */
        public Builder withoutPosixRename() {
            this.posixRename = false;
            return this;
        }

        /**
         * Also lets the user in with a key.
         *
         * @param key the public half of the user's key
         * @return this builder
         */
        public Builder authorizedKey(PublicKey key) {
            authorizedKeys.add(key);
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server
         * @throws IOException when the root cannot be created or no port bound
         */
        public TestSftpServer start() throws IOException {
            Files.createDirectories(root);
            KeyPair key;
            try {
                key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot generate an ed25519 host key", e);
            }
            TestSftpServer s = new TestSftpServer(this, key);
            s.start();
            return s;
        }
    }

    /**
     * Starts (again, after {@link #stop()}) on the same port with the same host key.
     *
     * @throws IOException when the port cannot be bound
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            server.start();
            return;
        }
        server = EmbeddedSftpServer.start(root, username, password, KeyPairProvider.wrap(hostKey), this::customize,
                0);
    }

    /** What only tests need on top of the embedded server: key auth, limits, a denying accessor, counters. */
    private void customize(SshServer sshd) {
        if (!authorizedKeys.isEmpty()) {
            sshd.setPublickeyAuthenticator((user, key, session) -> username.equals(user)
                    && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        }
        sshd.setCompressionFactories(List.of(BuiltinCompressions.none, BuiltinCompressions.zlib,
                BuiltinCompressions.delayedZlib));
        SftpModuleProperties.MAX_READDATA_PACKET_LENGTH.set(sshd, maxRequest);
        SftpModuleProperties.MAX_WRITEDATA_PACKET_LENGTH.set(sshd, maxRequest);
        if (!posixRename) {
            SftpModuleProperties.OPENSSH_EXTENSIONS.set(sshd, "limits@openssh.com=1,fsync@openssh.com=1");
        }
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.setFileSystemAccessor(new DenyingAccessor(unlistable));
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.addChannelListener(new Counter());
        sshd.addSessionListener(new SessionCounter());
        this.sshd = sshd;
    }

    /**
     * Stops at once, dropping every connection; {@link #start()} brings it back.
     *
     * @throws IOException when MINA fails to stop
     */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.stop();
        }
    }

    /**
     * Drops every SSH connection at once, as a network failure does, and goes on listening: a client that
     * reconnects gets in again straight away.
     */
    public void dropConnections() {
        SshServer current = sshd;
        if (current != null) {
            current.getActiveSessions().forEach(session -> session.close(true));
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    public int port() {
        return server.port();
    }

    public Path root() {
        return root;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The host key's public half. */
    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** This server's host key as an OpenSSH known_hosts line: {@code [127.0.0.1]:port type base64}. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /**
     * Appends {@link #knownHostsLine()} to a known_hosts file, creating it and its directory when missing.
     *
     * @param file the known_hosts file
     */
    public void writeKnownHosts(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, knownHostsLine() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An endpoint for this server with the password.
     *
     * @param name     "source" or "sink"
     * @param basePath the base path on the server ("/" is the root directory)
     * @return the endpoint
     */
    public SftpEndpoint endpoint(String name, String basePath) {
        return new SftpEndpoint(name, "127.0.0.1", port(), username, password, null, null, basePath);
    }

    /** SSH channels open right now. */
    public int openChannels() {
        return openChannels.get();
    }

    /** Most SSH channels open at once since start or {@link #resetCounters()}. */
    public int maxOpenChannels() {
        return maxOpenChannels.get();
    }

    /** Most SSH sessions open at once since start or {@link #resetCounters()}. */
    public int maxOpenSessions() {
        return maxOpenSessions.get();
    }

    /** Starts counting the maxima anew from what is open now. */
    public void resetCounters() {
        maxOpenChannels.set(openChannels.get());
        maxOpenSessions.set(openSessions.get());
    }

    private final class Counter implements ChannelListener {
        @Override
        public void channelOpenSuccess(Channel channel) {
            maxOpenChannels.accumulateAndGet(openChannels.incrementAndGet(), Math::max);
        }

        @Override
        public void channelClosed(Channel channel, Throwable reason) {
            openChannels.decrementAndGet();
        }
    }

    private final class SessionCounter implements SessionListener {
        @Override
        public void sessionCreated(Session session) {
            maxOpenSessions.accumulateAndGet(openSessions.incrementAndGet(), Math::max);
        }

        @Override
        public void sessionClosed(Session session) {
            openSessions.decrementAndGet();
        }
    }

    /** Refuses to list directories with given names, as a server does for a directory without read permission. */
    private static final class DenyingAccessor implements SftpFileSystemAccessor {
        private final Set<String> names;

        DenyingAccessor(Set<String> names) {
            this.names = names;
        }

        @Override
        public DirectoryStream<Path> openDirectory(SftpSubsystemProxy subsystem, DirectoryHandle dirHandle, Path dir,
                String handle, LinkOption... options) throws IOException {
            Path name = dir.getFileName();
            if (name != null && names.contains(name.toString())) {
                throw new AccessDeniedException(dir.toString(), null, "Permission denied");
            }
            return SftpFileSystemAccessor.super.openDirectory(subsystem, dirHandle, dir, handle, options);
        }
    }
}
