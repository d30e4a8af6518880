package io.sftpsync.core.sftp.internal;

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
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SftpPool} of {@link io.sftpsync.core.sftp.SftpConnector}: a fair semaphore bounds the channels in use to sessions ×
 * channels per session; idle channels are reused, new ones go to a new connection while there are fewer than
 * {@link SftpTuning#sessions()} (each SSH connection encrypts on one thread), else to the least busy one.
 */
public final class DefaultSftpPool implements SftpPool {

    private static final Logger log = LoggerFactory.getLogger(DefaultSftpPool.class);

    /** SFTP v3 is what OpenSSH speaks; pinning it keeps timestamps and renames the same on every server. */
    private static final SftpVersionSelector V3 = SftpVersionSelector.fixedVersionSelector(3);

    private final SshLogin login;
    private final Consumer<SftpPool> onClose;
    private final SftpEndpoint endpoint;
    private final SftpTuning tuning;
    private final Semaphore permits;
    private final Set<String> knownDirectories = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private final Deque<PooledChannel> idle = new ArrayDeque<>();
    private final List<PooledConnection> connections = new ArrayList<>();
    private volatile ServerProfile profile;
    private boolean closed;

    /**
     * @param login   logs in one SSH session per new connection
     * @param onClose told once the pool is closed
     */
    public DefaultSftpPool(SshLogin login, SftpEndpoint endpoint, SftpTuning tuning, Consumer<SftpPool> onClose) {
        this.login = login;
        this.onClose = onClose;
        this.endpoint = endpoint;
        this.tuning = tuning;
        this.permits = new Semaphore(tuning.sessions() * tuning.channelsPerSession(), true);
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
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an SFTP channel to " + endpoint.describe());
        }
        try {
            return open();
        } catch (IOException | RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** Runs with a permit: an idle channel, or a new one on a connection with room (or a new connection). */
    private PooledChannel open() throws IOException {
        // A connection that turns out dead when the channel is opened is dropped and the choice made again,
        // once per connection the pool may hold.
        for (int attempt = 0; ; attempt++) {
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
                if (target == null) {
                    target = new PooledConnection();
                    connections.add(target);
                    fresh = true;
                }
                target.channels++;
            }
            try {
                ClientSession session = fresh ? connect(target) : target.await();
                return newChannel(target, session);
            } catch (IOException | RuntimeException e) {
                boolean retry;
                synchronized (lock) {
                    target.channels--;
                    boolean dead = !target.isAlive();
                    if (dead) {
                        connections.remove(target);
                    }
                    retry = !fresh && dead && attempt < tuning.sessions();
                }
                if (!retry) {
                    throw e;
                }
                log.debug("{}: connection lost before a channel could be opened, reconnecting: {}",
                        SshLogin.where(endpoint), e.toString());
            }
        }
    }

    private ClientSession connect(PooledConnection target) throws IOException {
        try {
            ClientSession session = login.open(endpoint, tuning);
            target.session.complete(session);
            log.debug("{}: opened SSH connection {}", SshLogin.where(endpoint), session);
            return session;
        } catch (IOException | RuntimeException e) {
            target.session.completeExceptionally(e);
            throw e;
        }
    }

    private PooledChannel newChannel(PooledConnection target, ClientSession session) throws IOException {
        SftpClient client = SftpClientFactory.instance().createSftpClient(session, V3);
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

    /** The connection to open the next channel on, or null for a new connection. Holds the lock. */
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
            if (c.channels < tuning.channelsPerSession() && (best == null || c.channels < best.channels)) {
                best = c;
            }
        }
        if (connections.size() < tuning.sessions() && (best == null || best.channels > 0)) {
            return null;
        }
        if (best == null) {
            // The permits make this impossible: fewer channels are in use than the connections can carry.
            throw new IllegalStateException("no room for a channel in " + this);
        }
        return best;
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
