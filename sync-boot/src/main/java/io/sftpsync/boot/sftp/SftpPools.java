package io.sftpsync.boot.sftp;

import io.sftpsync.boot.config.ConnectionProperties;
import io.sftpsync.boot.config.SshTuningProperties;
import io.sftpsync.core.bandwidth.Throttle;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpEndpoint;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pools to the source and the sink, one per compression setting, created on first use and
 * shared by every component of the application.
 */
public final class SftpPools implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SftpPools.class);

    private final SftpConnector connector;
    private final SftpEndpoint source;
    private final SftpEndpoint sink;
    private final SftpTuning tuning;
    private final Throttle sourceThrottle;
    private final Throttle sinkThrottle;
    private final Map<String, SftpPool> pools = new ConcurrentHashMap<>();

    public SftpPools(ConnectionProperties connections, SshTuningProperties tuning) {
        this.source = endpoint("source", connections.source());
        this.sink = endpoint("sink", connections.sink());
        this.tuning = tuning.toCore();
        this.sourceThrottle = Throttle.of(connections.bandwidth("source"));
        this.sinkThrottle = Throttle.of(connections.bandwidth("sink"));
        this.connector = new SftpConnector(connections.knownHosts(), connections.hostKeyPolicy());
        log.info("source {} (max rate {}), sink {} (max rate {}), known hosts {} ({})", source.describe(),
                sourceThrottle.bandwidth(), sink.describe(), sinkThrottle.bandwidth(), connections.knownHosts(),
                connections.hostKeyPolicy());
    }

    public SftpPool source() {
        return source(false);
    }

    public SftpPool sink() {
        return sink(false);
    }

    public SftpPool source(boolean compressed) {
        return pool(source, compressed);
    }

    public SftpPool sink(boolean compressed) {
        return pool(sink, compressed);
    }

    /** The bandwidth limit of the sink's pools, else of the source's. */
    public Throttle throttle(boolean sink) {
        return sink ? sinkThrottle : sourceThrottle;
    }

    /**
     * A pool of one channel to the source or the sink with short time-outs, apart from the work pools: a health
     * check must not wait behind copies that hold every channel.
     *
     * @param sink    the sink's, else the source's
     * @param timeout connect and login time-out
     */
    public SftpPool probe(boolean sink, Duration timeout) {
        SftpEndpoint endpoint = sink ? this.sink : source;
        return pools.computeIfAbsent(endpoint.name() + "+probe", k -> connector.pool(endpoint, new SftpTuning(1, 1,
                timeout, timeout, tuning.keepAlive(), tuning.bufferSize(), tuning.windowSize(), false)));
    }

    /** The pool of a server and compression setting; both of a server's pools share its bandwidth limit. */
    private SftpPool pool(SftpEndpoint endpoint, boolean compressed) {
        Throttle throttle = endpoint == sink ? sinkThrottle : sourceThrottle;
        return pools.computeIfAbsent(endpoint.name() + (compressed ? "+zlib" : ""),
                k -> connector.pool(endpoint, tuning.withCompression(compressed), throttle));
    }

    @Override
    public void close() throws IOException {
        for (SftpPool pool : pools.values()) {
            try {
                pool.close();
            } catch (Exception e) {
                log.warn("closing {} pool: {}", pool.endpoint().name(), e.toString());
            }
        }
        connector.close();
    }

    private static SftpEndpoint endpoint(String name, ConnectionProperties.Connection c) {
        if (c == null || c.host() == null) {
            throw new IllegalStateException("sync." + name + ".host is not set: configure sync." + name
                    + ".host, .port, .username, .password-file (or .password) or .private-key and .base-path (or run"
                    + " with --demo)");
        }
        try {
            return new SftpEndpoint(name, c.host(), c.port(), c.username(), c.resolvePassword(name), c.privateKey(),
                    c.privateKeyPassphrase(), c.basePath());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sync." + e.getMessage(), e);
        }
    }
}
