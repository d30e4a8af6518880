package io.sftpsync.large.checkpoint;

import io.sftpsync.core.paths.RelativePath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transfer of a path at a time, across every instance of the service: a PostgreSQL session advisory lock,
 * held on a connection of its own for as long as the transfer runs. A process that dies loses its connection
 * and with it the lock, so a redelivered event is picked up at once by whoever gets it.
 */
public final class TransferLock {

    private static final Logger log = LoggerFactory.getLogger(TransferLock.class);
    private static final Duration POLL = Duration.ofSeconds(2);

    private final DataSource dataSource;

    public TransferLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A held lock; closing it releases the lock and the connection. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the lock of a path if it is free.
     *
     * @return the lease, or empty when another transfer holds it
     * @throws SQLException when the database cannot be reached
     */
    public Optional<Lease> tryAcquire(String path) throws SQLException {
        long key = key(path);
        Connection c = dataSource.getConnection();
        try {
            if (!call(c, "select pg_try_advisory_lock(?)", key)) {
                c.close();
                return Optional.empty();
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return Optional.of(() -> release(c, key, path));
    }

    /**
     * Waits for the lock of a path until a deadline.
     *
     * @return the lease, or empty when the deadline passed first
     * @throws SQLException         when the database cannot be reached
     * @throws InterruptedException when interrupted while waiting
     */
    public Optional<Lease> acquire(String path, Instant deadline) throws SQLException, InterruptedException {
        while (true) {
            Optional<Lease> lease = tryAcquire(path);
            if (lease.isPresent() || !Instant.now().plus(POLL).isBefore(deadline)) {
                return lease;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static void release(Connection c, long key, String path) {
        try {
            call(c, "select pg_advisory_unlock(?)", key);
        } catch (SQLException e) {
            // A pooled connection must not go back still holding the lock: drop it instead.
            log.warn("releasing the transfer lock of {} failed, dropping its connection: {}", RelativePath.printable(path),
                    e.getMessage());
            try {
                c.abort(Runnable::run);
            } catch (SQLException ignored) {
                // already gone
            }
        } finally {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }

    private static boolean call(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, key);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /** 64 bits of SHA-256 of the path: collisions only make two transfers wait for each other. */
    static long key(String path) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("large_transfer:" + path)
                    .getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
