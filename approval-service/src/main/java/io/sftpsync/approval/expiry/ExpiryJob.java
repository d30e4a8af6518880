package io.sftpsync.approval.expiry;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link Expiry} every interval on a thread of its own. */
public final class ExpiryJob implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("approval-expiry").daemon().factory());

    public ExpiryJob(Expiry expiry, Duration interval) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                int expired = expiry.run();
                if (expired > 0) {
                    log.info("{} pending approval(s) expired", expired);
                }
            } catch (RuntimeException e) {
                log.warn("approval expiry failed, tried again in {}: {}", interval, e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
