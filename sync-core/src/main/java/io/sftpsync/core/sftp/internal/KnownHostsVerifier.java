package io.sftpsync.core.sftp.internal;

import io.sftpsync.core.sftp.HostKeyPolicy;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks server keys against an OpenSSH known_hosts file (plain and hashed host names, {@code [host]:port} for
 * other ports than 22) as {@code StrictHostKeyChecking=yes} or {@code accept-new} would. A refusal is kept for
 * {@link #problemOf}, so the login error can say why: MINA itself only reports "Server key did not validate".
 */
final class KnownHostsVerifier implements ServerKeyVerifier {

    private static final Logger log = LoggerFactory.getLogger(KnownHostsVerifier.class);

    private final Path file;
    private final HostKeyPolicy policy;
    /**
     * Refusals by session. Not a session attribute: MINA closes a session whose key it refused on its own thread,
     * and closing clears the attributes, sometimes before the login's caller reads them.
     */
    private final Map<ClientSession, String> problems = Collections.synchronizedMap(new WeakHashMap<>());

    KnownHostsVerifier(Path file, HostKeyPolicy policy) {
        this.file = file.toAbsolutePath();
        this.policy = policy;
    }

    /** Why the server key of this session was refused, or null; forgets it. */
    String problemOf(ClientSession session) {
        return problems.remove(session);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        SshdSocketAddress target = target(session, remoteAddress);
        String host = target.getHostName();
        int port = target.getPort();
        String hostPort = host + ":" + port;
        String fingerprint = KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey);
        try {
            synchronized (this) {
                Verdict verdict = check(session, host, port, serverKey);
                switch (verdict) {
                    case KNOWN -> {
                        return true;
                    }
                    case REVOKED -> {
                        return refuse(session, "host key of " + hostPort + " (" + fingerprint + ") is marked @revoked in "
                                + file + "; refused");
                    }
                    case CHANGED -> {
                        return refuse(session, "host key of " + hostPort + " has CHANGED: the server offers "
                                + fingerprint + ", which differs from the key in " + file
                                + "; possible man-in-the-middle; refused. If the server's key was really replaced, "
                                + "remove the old line (ssh-keygen -R " + knownHostsName(host, port) + " -f " + file
                                + ")");
                    }
                    default -> {
                        if (policy == HostKeyPolicy.ACCEPT_NEW) {
                            append(host, port, serverKey);
                            log.warn("added the host key of {} ({}) to {}", hostPort, fingerprint, file);
                            return true;
                        }
                        return refuse(session, "host key of " + hostPort + " is not in " + file + " (" + fingerprint
                                + "); add it (ssh-keyscan -p " + port + " " + host + " >> " + file
                                + ") or set sync.host-key-policy=accept-new");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return refuse(session, "cannot check the host key of " + hostPort + " against " + file + ": " + e);
        }
    }

    private enum Verdict { KNOWN, UNKNOWN, CHANGED, REVOKED }

    private Verdict check(ClientSession session, String host, int port, PublicKey serverKey) throws IOException {
        if (!Files.exists(file)) {
            return Verdict.UNKNOWN;
        }
        String type = KeyUtils.getKeyType(serverKey);
        boolean sameTypeDiffers = false;
        boolean known = false;
        List<KnownHostEntry> entries = KnownHostEntry.readKnownHostEntries(file);
        for (KnownHostEntry entry : entries) {
            if (!entry.isHostMatch(host, port) || "cert-authority".equals(entry.getMarker())) {
                continue;
            }
            PublicKey key;
            try {
                key = entry.getKeyEntry().resolvePublicKey(session, null, PublicKeyEntryResolver.IGNORING);
            } catch (Exception e) {
                log.warn("{}: skipping an unreadable key of {}: {}", file, host, e.toString());
                continue;
            }
            if (key == null) {
                continue;
            }
            if (KeyUtils.compareKeys(key, serverKey)) {
                if ("revoked".equals(entry.getMarker())) {
                    return Verdict.REVOKED;
                }
                known = true;
            } else if (type.equals(KeyUtils.getKeyType(key)) && entry.getMarker() == null) {
                sameTypeDiffers = true;
            }
        }
        // A listed key of the offered type that differs wins over a match: OpenSSH also refuses then.
        if (sameTypeDiffers && !known) {
            return Verdict.CHANGED;
        }
        return known ? Verdict.KNOWN : Verdict.UNKNOWN;
    }

    private void append(String host, int port, PublicKey key) throws IOException {
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String line = knownHostsName(host, port) + " " + PublicKeyEntry.toString(key) + "\n";
        if (Files.exists(file) && Files.size(file) > 0 && !endsWithNewline()) {
            line = "\n" + line;
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private boolean endsWithNewline() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length == 0 || bytes[bytes.length - 1] == '\n';
    }

    private static String knownHostsName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    private boolean refuse(ClientSession session, String why) {
        problems.put(session, why);
        log.error(why);
        return false;
    }

    /** The host name as the endpoint configures it: known_hosts lines are written for that name. */
    private static SshdSocketAddress target(ClientSession session, SocketAddress remoteAddress) {
        AttributeRepository context = session.getConnectionContext();
        SshLogin.Settings settings = context == null ? null : context.getAttribute(SshLogin.SETTINGS);
        if (settings != null) {
            return new SshdSocketAddress(settings.endpoint().host(), settings.endpoint().port());
        }
        SocketAddress connect = session.getConnectAddress();
        return SshdSocketAddress.toSshdSocketAddress(connect != null ? connect : remoteAddress);
    }
}
