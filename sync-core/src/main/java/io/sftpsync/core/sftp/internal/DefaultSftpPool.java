package io.sftpsync.core.sftp.internal;

import io.sftpsync.core.bandwidth.Throttle;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.sftp.ServerProfile;
import io.sftpsync.core.sftp.SftpEndpoint;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import io.sftpsync.core.sftp.SftpTuning;
import io.sftpsync.core.sftp.SftpWork;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SftpPool} of {@link io.sftpsync.core.sftp.SftpConnector}: a fair semaphore bounds the channels in use to
 * connections × channels per connection; idle channels are reused, new ones go to a new connection while there are
 * fewer than the connection limit (each SSH connection encrypts on one thread), else to the least busy one.
 *
 * <p>The limits start at the tuning's and adapt to what the server allows: a refused channel (OpenSSH's
 * {@code MaxSessions}) lowers the channels per connection to those the connection holds; a new connection the server
 * hangs up on before the login (OpenSSH's {@code MaxStartups}) is tried again after a pause, and from then on
 * connections are opened one at a time.
 */
public final class DefaultSftpPool implements SftpPool {

    private static final Logger log = LoggerFactory.getLogger(DefaultSftpPool.class);

    /** What {@link #leastBusy} returns when the permit held finds no room under lowered limits. */
    private static final PooledConnection NO_ROOM = new PooledConnection();

    /** SFTP v3 is what OpenSSH speaks; pinning it keeps timestamps and renames the same on every server. */
    private static final SftpVersionSelector V3 = SftpVersionSelector.fixedVersionSelector(3);

    private final SshLogin login;
    private final Consumer<SftpPool> onClose;
    private final SftpEndpoint endpoint;
    private final SftpTuning tuning;
    private final Permits permits;
    private final SftpClientFactory clients;
    /** Connections and channels per connection the server has shown it allows, at most the tuning's. */
    private volatile int connectionLimit;
    private volatile int channelLimit;
    /** Set once the server hung up on a new connection: handshakes then run one at a time. */
    private volatile boolean serialConnects;
    private final Object connecting = new Object();
    private final Set<String> knownDirectories = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private final Deque<PooledChannel> idle = new ArrayDeque<>();
    private final List<PooledConnection> connections = new ArrayList<>();
    private volatile ServerProfile profile;
    private boolean closed;

    /**
     * @param login    logs in one SSH session per new connection
     * @param throttle the server's bandwidth limit, paid by every read and write request of this pool's channels
     * @param onClose  told once the pool is closed
     */
    public DefaultSftpPool(SshLogin login, SftpEndpoint endpoint, SftpTuning tuning, Throttle throttle,
            Consumer<SftpPool> onClose) {
        this.login = login;
        this.onClose = onClose;
        this.endpoint = endpoint;
        this.tuning = tuning;
        this.connectionLimit = tuning.sessions();
        this.channelLimit = tuning.channelsPerSession();
        this.permits = new Permits(connectionLimit * channelLimit);
        this.clients = throttle.bandwidth().isUnlimited() ? SftpClientFactory.instance()
                : new ThrottledClients(throttle);
    }

    @Override
    public <T> T call(SftpWork<T> work) throws IOException {
        PooledChannel channel = borrow();
        Throwable failure = null;
        try {
            return work.run(channel.session());
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            giveBack(channel, failure);
        }
    }

    @Override
    public SftpEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String basePath() {
        ServerProfile p = profile;
        if (p == null) {
            try {
                call(s -> null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            p = profile;
        }
        return p.basePath();
    }

    @Override
    public int bufferSize() {
        ServerProfile p = profile;
        return p == null ? tuning.bufferSize() : Math.min(p.readSize(), p.writeSize());
    }

    @Override
    public Limits limits() {
        return new Limits(connectionLimit, channelLimit);
    }

    @Override
    public void close() {
        List<PooledConnection> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(connections);
            connections.clear();
            idle.clear();
        }
        for (PooledConnection c : all) {
            c.close();
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "SftpPool[" + endpoint.describe() + "]";
    }

    private PooledChannel borrow() throws IOException {
        permits.take(endpoint);
        try {
            return open();
        } catch (IOException | RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** Runs with a permit: an idle channel, or a new one on a connection with room (or a new connection). */
    private PooledChannel open() throws IOException {
        // A connection that turns out dead when the channel is opened is dropped and the choice made again, once
        // per connection the pool may hold; a refusal that lowered a limit, or a dropped handshake, is tried again
        // a few times.
        int lost = 0;
        int refused = 0;
        int dropped = 0;
        while (true) {
            PooledConnection target;
            boolean fresh = false;
            synchronized (lock) {
                if (closed) {
                    throw new IOException(SshLogin.where(endpoint) + ": the connection pool is closed");
                }
                PooledChannel reusable = pollIdle();
                if (reusable != null) {
                    return reusable;
                }
                target = leastBusy();
                if (target == NO_ROOM) {
                    target = null;
                } else if (target == null) {
                    target = new PooledConnection();
                    connections.add(target);
                    fresh = true;
                }
                if (target != null) {
                    target.channels++;
                }
            }
            if (target == null) {
                // The limits were lowered under this permit: wait for a channel to come back.
                permits.release();
                permits.take(endpoint);
                continue;
            }
            try {
                ClientSession session = fresh ? connect(target) : target.await();
                PooledChannel channel = newChannel(target, session);
                synchronized (lock) {
                    target.open++;
                }
                return channel;
            } catch (IOException | RuntimeException e) {
                boolean retry;
                synchronized (lock) {
                    target.channels--;
                    boolean dead = !target.isAlive();
                    if (dead) {
                        connections.remove(target);
                    }
                    if (!dead && isChannelRefusal(e) && refused++ < 8) {
                        retry = target.channels > 0;
                    } else if (fresh && e instanceof HandshakeDroppedException && dropped++ < 4) {
                        retry = true;
                    } else {
                        retry = !fresh && dead && lost++ < tuning.sessions();
                    }
                }
                if (!retry) {
                    throw e;
                }
                if (e instanceof HandshakeDroppedException) {
                    onDroppedHandshake(dropped, e);
                } else if (isChannelRefusal(e)) {
                    onRefusedChannel(target, e);
                } else {
                    log.debug("{}: no channel on that connection, choosing again: {}", SshLogin.where(endpoint),
                            e.toString());
                }
            }
        }
    }

    /**
     * The server refused a channel on a connection that holds others: once the channels being opened on it beside
     * this one have settled, the number open is the server's limit.
     */
    private void onRefusedChannel(PooledConnection target, Exception refusal) throws IOException {
        for (int i = 0; i < 100; i++) {
            synchronized (lock) {
                if (target.channels == target.open || !target.isAlive()) {
                    if (target.open > 0) {
                        lowerChannelLimit(target.open, refusal);
                    }
                    return;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while opening a channel to " + endpoint.describe());
            }
        }
    }

    /** The server refused a channel on a connection holding {@code open}: that many is its limit. Holds the lock. */
    private void lowerChannelLimit(int open, Exception refusal) {
        if (open < channelLimit) {
            int before = channelLimit;
            channelLimit = open;
            permits.reduce(connectionLimit * (before - open));
            log.warn("{}: the server refused channel {} on one connection: using at most {} channels per"
                    + " connection on up to {} connection(s) (its MaxSessions is likely {}; set"
                    + " sync.sftp.channels-per-session to match to skip this)", SshLogin.where(endpoint), open + 1, open,
                    connectionLimit, open);
            log.debug("{}: the refusal", SshLogin.where(endpoint), refusal);
        }
    }

    /** After a dropped handshake: handshakes one at a time from now on, and a pause that grows with each drop. */
    private void onDroppedHandshake(int drops, Exception e) throws IOException {
        if (!serialConnects) {
            serialConnects = true;
            log.warn("{}; opening connections one at a time from now on (the server's MaxStartups is likely low)",
                    e.getMessage());
        }
        try {
            Thread.sleep(250L << Math.min(drops - 1, 4));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to reconnect to " + endpoint.describe());
        }
    }

    private static boolean isChannelRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SshChannelOpenException) {
                return true;
            }
        }
        return false;
    }

    private ClientSession connect(PooledConnection target) throws IOException {
        try {
            ClientSession session;
            if (serialConnects) {
                synchronized (connecting) {
                    session = login.open(endpoint, tuning);
                }
            } else {
                session = login.open(endpoint, tuning);
            }
            target.session.complete(session);
            log.debug("{}: opened SSH connection {}", SshLogin.where(endpoint), session);
            return session;
        } catch (IOException | RuntimeException e) {
            target.session.completeExceptionally(e);
            throw e;
        }
    }

    private PooledChannel newChannel(PooledConnection target, ClientSession session) throws IOException {
        SftpClient client = clients.createSftpClient(session, V3);
        try {
            ServerProfile p = profile;
            if (p == null) {
                // Two first channels may both ask; they get the same answer.
                p = ServerProfile.learn(client, endpoint, tuning);
                profile = p;
                log.info("{}: base path {}, {} byte reads, {} byte writes", SshLogin.where(endpoint),
                        p.basePath(), p.readSize(), p.writeSize());
            }
            return new PooledChannel(target, client, new SftpSession(client, endpoint.name(), p, knownDirectories));
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    /** An idle channel that is still open; dead ones met on the way are dropped. Holds the lock. */
    private PooledChannel pollIdle() {
        for (PooledChannel c; (c = idle.pollFirst()) != null; ) {
            if (c.isAlive() && connections.contains(c.connection())) {
                return c;
            }
            drop(c);
            // Already dead, so closing it does not wait for the server.
            closeQuietly(c.client());
        }
        return null;
    }

    /**
     * The connection to open the next channel on, null for a new connection, or {@link #NO_ROOM} when lowered
     * limits leave none for the permit held. Holds the lock.
     */
    private PooledConnection leastBusy() {
        connections.removeIf(c -> {
            boolean dead = c.isDone() && !c.isAlive();
            if (dead) {
                c.close();
            }
            return dead;
        });
        PooledConnection best = null;
        for (PooledConnection c : connections) {
            if (c.channels < channelLimit && (best == null || c.channels < best.channels)) {
                best = c;
            }
        }
        if (connections.size() < connectionLimit && (best == null || best.channels > 0)) {
            return null;
        }
        return best == null ? NO_ROOM : best;
    }

    /**
     * Returns a channel to the idle ones unless its connection is gone or the work gave up waiting for an answer
     * (a late answer could confuse the next user). Other failures, even another pool's lost connection thrown
     * through this work, leave the channel as good as it was.
     */
    private void giveBack(PooledChannel channel, Throwable failure) {
        boolean keep = failure == null || !TransferErrors.leavesChannelInDoubt(failure);
        PooledChannel toClose = null;
        synchronized (lock) {
            if (keep && !closed && channel.isAlive() && connections.contains(channel.connection())) {
                idle.addFirst(channel);
            } else {
                drop(channel);
                toClose = channel;
            }
        }
        if (toClose != null) {
            closeQuietly(toClose.client());
        }
        permits.release();
    }

    /**
     * Forgets a channel (the caller closes it); a connection that died with it is closed and forgotten too.
     * Holds the lock.
     */
    private void drop(PooledChannel channel) {
        PooledConnection c = channel.connection();
        c.channels--;
        c.open--;
        if (!c.isAlive() && connections.remove(c)) {
            log.info("{}: SSH connection closed, will reconnect on demand", SshLogin.where(endpoint));
            c.close();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing {}: {}", closeable, e.toString());
        }
    }
}
