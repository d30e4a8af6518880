package io.sftpsync.boot.health;

import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.sftp.SftpPool;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one SFTP server: connect and stat of the base path, within a time-out, the answer kept for a few
 * seconds so that frequent health calls do not hammer the server. Down with the reason when the server cannot be
 * reached, refuses the login or the base path; up with {@code basePath: does not exist yet} when the server
 * answers but the base path is not there (a fresh sink).
 */
public final class SftpHealthIndicator implements HealthIndicator {

    private final SftpPool pool;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private Health last;
    private Instant lastAt;
    /** A probe still running after its caller gave up: the next call waits for it rather than start another. */
    private FutureTask<Health> running;

    /**
     * @param pool     a pool of the server's own, so the check never waits behind copies holding every channel
     * @param timeout  how long a check waits for the server
     * @param cacheFor how long an answer is reused
     * @param clock    the time, for the cache
     */
    public SftpHealthIndicator(SftpPool pool, Duration timeout, Duration cacheFor, Clock clock) {
        this.pool = pool;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        if (last != null && clock.instant().isBefore(lastAt.plus(cacheFor))) {
            return last;
        }
        if (running == null) {
            running = new FutureTask<>(this::probe);
            Thread.ofVirtual().name("sftp-health-" + pool.endpoint().name()).start(running);
        }
        Health health;
        try {
            health = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            running = null;
        } catch (TimeoutException e) {
            health = down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            running = null;
            health = down(TransferErrors.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("server", pool.endpoint().describe()).build();
        }
        last = health;
        lastAt = clock.instant();
        return health;
    }

    private Health probe() throws IOException {
        return pool.call(s -> {
            String base = s.basePath();
            Health.Builder health;
            try {
                SftpClient.Attributes a = s.client().stat(base);
                health = a.isDirectory() ? Health.up().withDetail("basePath", base)
                        : Health.down().withDetail("basePath", base).withDetail("error", "not a directory");
            } catch (SftpException e) {
                if (!SftpStatus.isMissing(e)) {
                    throw s.failure("stat of", base, e);
                }
                health = Health.up().withDetail("basePath", "does not exist yet");
            }
            return health.withDetail("server", pool.endpoint().describe()).build();
        });
    }

    private Health down(String reason) {
        return Health.down().withDetail("server", pool.endpoint().describe()).withDetail("error", reason).build();
    }
}
