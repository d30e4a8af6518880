package io.sftpsync.core.sftp;

import io.sftpsync.core.bandwidth.Bandwidth;
import io.sftpsync.core.bandwidth.Throttle;
import io.sftpsync.core.sftp.internal.DefaultSftpPool;
import io.sftpsync.core.sftp.internal.SshLogin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Owns the one SSH client of the process: verifies host keys against a known_hosts file, logs in to
 * endpoints and hands out connection pools.
 */
public final class SftpConnector implements AutoCloseable {

    private final SshLogin login;
    private final List<SftpPool> pools = new ArrayList<>();

    /**
     * Starts the SSH client.
     *
     * @param knownHosts the OpenSSH known_hosts file that server keys are checked against
     * @param policy     what to do with hosts missing from that file
     */
    public SftpConnector(Path knownHosts, HostKeyPolicy policy) {
        this.login = new SshLogin(knownHosts, policy);
    }

    /**
     * A pool of SFTP channels to one endpoint. Nothing connects before the pool is first used.
     *
     * @param endpoint the server, account and base path
     * @param tuning   pool size and throughput settings; compression is fixed per pool
     * @return the pool, closed by {@link SftpPool#close()} or with this connector
     */
    public SftpPool pool(SftpEndpoint endpoint, SftpTuning tuning) {
        return pool(endpoint, tuning, Throttle.of(Bandwidth.UNLIMITED));
    }

    /**
     * A pool as {@link #pool(SftpEndpoint, SftpTuning)} gives, whose reads and writes keep to a bandwidth limit.
     *
     * @param throttle the server's limit; pools given the same throttle share it
     */
    public SftpPool pool(SftpEndpoint endpoint, SftpTuning tuning, Throttle throttle) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(throttle, "throttle");
        DefaultSftpPool pool = new DefaultSftpPool(login, endpoint, tuning, throttle, this::forget);
        synchronized (pools) {
            pools.add(pool);
        }
        return pool;
    }

    /** Called by a closing pool, so closed pools are not kept. */
    private void forget(SftpPool pool) {
        synchronized (pools) {
            pools.remove(pool);
        }
    }

    /** Closes every pool handed out and the SSH client. */
    @Override
    public void close() {
        List<SftpPool> open;
        synchronized (pools) {
            open = List.copyOf(pools);
            pools.clear();
        }
        for (SftpPool pool : open) {
            pool.close();
        }
        login.stop();
    }
}
