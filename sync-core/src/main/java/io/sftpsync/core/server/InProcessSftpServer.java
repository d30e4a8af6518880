package io.sftpsync.core.server;

import io.sftpsync.core.sftp.SftpEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server inside this JVM (Apache MINA SSHD on 127.0.0.1) serving one local directory to one user: the
 * demo mode's two servers and the tests' fast ones. Configured as OpenSSH's sftp-server behaves where it matters
 * (255 KiB requests, limits, fsync, posix-rename and statvfs extensions), it can be stopped and started again on the same
 * port with the same host key, and counts the SSH sessions and channels open at once.
 */
public final class InProcessSftpServer implements AutoCloseable {

    /** As OpenSSH's sftp-server (limits@openssh.com): 255 KiB per read or write request. */
    public static final int OPENSSH_MAX_REQUEST = 255 * 1024;

    private final InProcessSftpServerBuilder settings;
    private final KeyPair hostKey;
    private final ServerCounters counters = new ServerCounters();
    private final AtomicInteger fsyncs = new AtomicInteger();
    private int port;
    private SshServer sshd;

    InProcessSftpServer(InProcessSftpServerBuilder settings) throws IOException {
        this.settings = settings;
        this.hostKey = hostKey(settings.hostKeyFile);
        this.port = settings.port;
    }

    /**
     * Starts describing a server.
     *
     * @param root the directory served as the user's "/" (created if missing)
     * @return a builder with user "test", password "test-secret", a fresh host key and a free port
     */
    public static InProcessSftpServerBuilder builder(Path root) {
        return new InProcessSftpServerBuilder(root);
    }

    /**
     * Starts (again, after {@link #stop()}) on the same port with the same host key.
     *
     * @throws IOException when the root cannot be created or the port not bound
     */
    public synchronized void start() throws IOException {
        if (sshd != null && sshd.isStarted()) {
            return;
        }
        Files.createDirectories(settings.root);
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(port);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        s.setPasswordAuthenticator((user, pass, session) -> settings.username.equals(user)
                && settings.password.equals(pass));
        if (!settings.authorizedKeys.isEmpty()) {
            s.setPublickeyAuthenticator((user, key, session) -> settings.username.equals(user)
                    && settings.authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        }
        s.setCompressionFactories(List.of(BuiltinCompressions.none, BuiltinCompressions.zlib,
                BuiltinCompressions.delayedZlib));
        SftpModuleProperties.MAX_READDATA_PACKET_LENGTH.set(s, settings.maxRequest);
        SftpModuleProperties.MAX_WRITEDATA_PACKET_LENGTH.set(s, settings.maxRequest);
        if (!settings.posixRename || !settings.fsync) {
            SftpModuleProperties.OPENSSH_EXTENSIONS.set(s, "limits@openssh.com=1"
                    + (settings.fsync ? ",fsync@openssh.com=1" : "")
                    + (settings.posixRename ? ",posix-rename@openssh.com=1" : ""));
        }
        SftpSubsystemFactory sftp = settings.statvfs ? new SftpSubsystemFactory() {
            @Override
            public Command createSubsystem(ChannelSession channel) {
                // As the factory's own, with the subsystem that answers statvfs.
                StatvfsSftpSubsystem subsystem = new StatvfsSftpSubsystem(channel, this, settings.freeSpace);
                getRegisteredListeners().forEach(subsystem::addSftpEventListener);
                return subsystem;
            }
        } : new SftpSubsystemFactory();
        counters.attach(sftp);
        sftp.setFileSystemAccessor(new DenyingAccessor(settings.unlistable, settings.refusedRenameTargets, fsyncs));
        s.setSubsystemFactories(List.of(sftp));
        s.setFileSystemFactory(new VirtualFileSystemFactory(settings.root));
        counters.attach(s);
        s.start();
        sshd = s;
        port = s.getPort();
    }

    /**
     * Stops at once, dropping every connection; {@link #start()} brings it back.
     *
     * @throws IOException when MINA fails to stop
     */
    public synchronized void stop() throws IOException {
        if (sshd != null) {
            sshd.stop(true);
            sshd = null;
        }
    }

    /**
     * Drops every SSH connection at once, as a network failure does, and goes on listening: a client that
     * reconnects gets in again straight away.
     */
    public synchronized void dropConnections() {
        if (sshd != null) {
            sshd.getActiveSessions().forEach(session -> session.close(true));
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    public int port() {
        return port;
    }

    public Path root() {
        return settings.root;
    }

    public String username() {
        return settings.username;
    }

    public String password() {
        return settings.password;
    }

    /** The host key's public half. */
    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** This server's host key as an OpenSSH known_hosts line: {@code [127.0.0.1]:port type base64}. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /**
     * Appends {@link #knownHostsLine()} to a known_hosts file, creating it and its directory when missing.
     *
     * @param file the known_hosts file
     */
    public void writeKnownHosts(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
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
        return new SftpEndpoint(name, "127.0.0.1", port, settings.username, settings.password, null, null, basePath);
    }

    /** SSH channels open right now. */
    public int openChannels() {
        return counters.openChannels();
    }

    /** Most SSH channels open at once since start or {@link #resetCounters()}. */
    public int maxOpenChannels() {
        return counters.maxOpenChannels();
    }

    /** Most SSH sessions open at once since start or {@link #resetCounters()}. */
    public int maxOpenSessions() {
        return counters.maxOpenSessions();
    }

    /** fsync@openssh.com requests served since start. */
    public int fsyncs() {
        return fsyncs.get();
    }


    /** File bytes the server has read for clients (SSH_FXP_READ) since start or {@link #resetCounters()}. */
    public long bytesRead() {
        return counters.bytesRead();
    }

    /** Starts counting the maxima anew from what is open now, and the bytes read from 0. */
    public void resetCounters() {
        counters.reset();
    }

    /** A host key kept in a file (generated there on first start), or a fresh ed25519 key for this JVM only. */
    private static KeyPair hostKey(Path file) throws IOException {
        if (file != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                return new SimpleGeneratorHostKeyProvider(file).loadKeys(null).iterator().next();
            } catch (RuntimeException e) {
                throw new IOException("cannot read or create the host key " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an ed25519 host key", e);
        }
    }
}
