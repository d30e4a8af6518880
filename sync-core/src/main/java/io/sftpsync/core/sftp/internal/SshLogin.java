package io.sftpsync.core.sftp.internal;

import io.sftpsync.core.errors.AuthenticationFailedException;
import io.sftpsync.core.errors.HostKeyRejectedException;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpEndpoint;
import io.sftpsync.core.sftp.SftpTuning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.compression.Compression;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one SSH client of a connector: verifies host keys against a known_hosts file and logs in to endpoints,
 * one SSH session per call, with the pool's settings applied before the key exchange.
 */
public final class SshLogin {

    private static final Logger log = LoggerFactory.getLogger(SshLogin.class);

    /** Carries a pool's settings from {@link #open} to the session listener that applies them. */
    static final AttributeRepository.AttributeKey<Settings> SETTINGS = new AttributeRepository.AttributeKey<>();

    private final SshClient client;
    private final KnownHostsVerifier verifier;

    /**
     * Starts the SSH client.
     *
     * @param knownHosts the OpenSSH known_hosts file that server keys are checked against
     * @param policy     what to do with hosts missing from that file
     */
    public SshLogin(Path knownHosts, HostKeyPolicy policy) {
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(policy, "policy");
        this.verifier = new KnownHostsVerifier(knownHosts, policy);
        SshClient c = SshClient.setUpDefaultClient();
        c.setServerKeyVerifier(verifier);
        c.setCipherFactories(preferredCiphers());
        // Only what the endpoint configures counts: no ~/.ssh/config, no default keys from ~/.ssh.
        c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        c.addSessionListener(new SettingsApplier());
        // SFTP is request/response: with Nagle on, each reply waits for the peer's delayed ACK (40 ms on
        // Linux), which held downloads from OpenSSH to a few MB/s.
        CoreModuleProperties.TCP_NODELAY.set(c, true);
        c.start();
        this.client = c;
    }

    /**
     * Connects and logs in one SSH session.
     *
     * @throws HostKeyRejectedException      when the server's key is unknown (STRICT) or changed
     * @throws AuthenticationFailedException when the server refuses the password or key
     * @throws IOException                   when the server cannot be reached or drops the connection
     */
    public ClientSession open(SftpEndpoint endpoint, SftpTuning tuning) throws IOException {
        String where = where(endpoint);
        ClientSession session;
        try {
            session = client.connect(endpoint.username(), endpoint.host(), endpoint.port(),
                    AttributeRepository.ofKeyValuePair(SETTINGS, new Settings(endpoint, tuning)), null)
                    .verify(tuning.connectTimeout()).getClientSession();
        } catch (IOException e) {
            if (!isTimeout(e) && !hasCause(e, java.net.ConnectException.class)
                    && !hasCause(e, java.nio.channels.UnresolvedAddressException.class)) {
                // Accepted, then closed before the SSH session began: over MaxStartups, as below.
                throw new HandshakeDroppedException(where + ": the server closed the connection before the login"
                        + " completed: " + TransferErrors.summary(e), e);
            }
            throw new IOException(where + ": cannot connect: " + TransferErrors.summary(e), e);
        }
        try {
            addIdentities(session, endpoint);
            // The key exchange runs inside this wait too: connecting only covered TCP.
            AuthFuture auth = session.auth();
            auth.verify(tuning.connectTimeout().plus(tuning.authTimeout()));
            log.debug("{}: logged in as {} ({})", where, endpoint.username(), session);
            return session;
        } catch (IOException | RuntimeException e) {
            // The verifier kept why it refused the key, if it did: MINA says only "Server key did not validate".
            String hostKeyProblem = verifier.problemOf(session);
            session.close(true);
            if (hostKeyProblem != null) {
                throw new HostKeyRejectedException(hostKeyProblem, e);
            }
            if (e instanceof AuthenticationFailedException) {
                throw e;
            }
            if (isAuthenticationRefusal(e)) {
                throw new AuthenticationFailedException(where + ": authentication failed for user '"
                        + endpoint.username() + "' (" + refused(endpoint) + ")");
            }
            if (!isTimeout(e)) {
                // The server hung up before the login completed (closed, reset, broken pipe): what OpenSSH does to
                // connections beyond MaxStartups, so the pool may try again later rather than fail the transfer.
                throw new HandshakeDroppedException(where + ": the server closed the connection before the login"
                        + " completed: " + TransferErrors.summary(e), e);
            }
            throw new IOException(where + ": login failed: " + TransferErrors.summary(e), e);
        }
    }

    /** Stops the SSH client: every session it opened is closed. */
    public void stop() {
        client.stop();
    }

    /** "source host:port", for messages. */
    public static String where(SftpEndpoint endpoint) {
        return endpoint.name() + " " + endpoint.host() + ":" + endpoint.port();
    }

    private static void addIdentities(ClientSession session, SftpEndpoint endpoint) throws IOException {
        if (endpoint.privateKey() != null) {
            for (KeyPair key : loadKey(session, endpoint)) {
                session.addPublicKeyIdentity(key);
            }
        }
        if (endpoint.password() != null && !endpoint.password().isEmpty()) {
            session.addPasswordIdentity(endpoint.password());
        }
    }

    private static Iterable<KeyPair> loadKey(ClientSession session, SftpEndpoint endpoint) throws IOException {
        Path file = endpoint.privateKey();
        FilePasswordProvider passphrase = endpoint.privateKeyPassphrase() == null ? FilePasswordProvider.EMPTY
                : FilePasswordProvider.of(endpoint.privateKeyPassphrase());
        Iterable<KeyPair> keys;
        try (InputStream in = Files.newInputStream(file)) {
            keys = SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName(file.toString()), in, passphrase);
        } catch (GeneralSecurityException | IOException e) {
            // MINA's messages name the file and the problem, never the passphrase.
            throw new AuthenticationFailedException(where(endpoint) + ": cannot load private key " + file + " ("
                    + TransferErrors.summary(e) + (endpoint.privateKeyPassphrase() == null ? "; is it encrypted?"
                            : "; wrong passphrase?") + ")");
        }
        if (keys == null || !keys.iterator().hasNext()) {
            throw new AuthenticationFailedException(where(endpoint) + ": no private key found in " + file);
        }
        return keys;
    }

    /**
     * MINA reports a refused login as "No more authentication methods available" while the session stays open;
     * a dropped connection closes the session.
     */
    private static boolean isAuthenticationRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("authentication methods")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** MINA's waits report a timeout in their message; a socket's by its type. */
    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.nio.channels.InterruptedByTimeoutException
                    || message != null && message.toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String refused(SftpEndpoint endpoint) {
        boolean password = endpoint.password() != null && !endpoint.password().isEmpty();
        if (endpoint.privateKey() != null) {
            return password ? "key " + endpoint.privateKey() + " and password rejected"
                    : "key " + endpoint.privateKey() + " rejected";
        }
        return "password rejected";
    }

    /** AES-GCM first: the fastest cipher measured against OpenSSH with AES-NI; the rest as OpenSSH orders them. */
    private static List<NamedFactory<Cipher>> preferredCiphers() {
        List<NamedFactory<Cipher>> ciphers = new ArrayList<>();
        for (BuiltinCiphers c : List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128ctr,
                BuiltinCiphers.cc20p1305_openssh, BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr)) {
            if (c.isSupported()) {
                ciphers.add(c);
            }
        }
        return ciphers;
    }

    /** What a pool asks of its sessions. */
    record Settings(SftpEndpoint endpoint, SftpTuning tuning) {
    }

    /**
     * Applies a pool's settings to each new session before its key exchange starts: compression is negotiated
     * there, so it cannot be changed afterwards, and channel windows and keep-alive are read from the session.
     */
    private static final class SettingsApplier implements SessionListener {
        @Override
        public void sessionEstablished(Session session) {
            // The connection context is on the I/O session already; the client session copies it only later.
            Object context = session.getIoSession().getAttribute(AttributeRepository.class);
            if (!(context instanceof AttributeRepository repository)) {
                return;
            }
            Settings settings = repository.getAttribute(SETTINGS);
            if (settings == null) {
                return;
            }
            SftpTuning tuning = settings.tuning();
            List<NamedFactory<Compression>> compression = tuning.compression()
                    ? List.of(BuiltinCompressions.delayedZlib, BuiltinCompressions.zlib, BuiltinCompressions.none)
                    : List.of(BuiltinCompressions.none);
            session.setCompressionFactories(compression);
            CoreModuleProperties.WINDOW_SIZE.set(session, tuning.windowSize());
            // MAX_PACKET_SIZE stays at MINA's 32 KiB default: above 64 KiB downloads from OpenSSH stall.
            if (!tuning.keepAlive().isZero() && !tuning.keepAlive().isNegative()) {
                CoreModuleProperties.HEARTBEAT_INTERVAL.set(session, tuning.keepAlive());
                // Three unanswered keep-alives close the session, so the pool notices a dead connection.
                CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(session, 3);
            }
        }
    }
}
