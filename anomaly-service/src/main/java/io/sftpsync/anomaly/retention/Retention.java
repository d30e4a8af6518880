package io.sftpsync.anomaly.retention;

import io.sftpsync.anomaly.store.HistoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes history (file versions, transfers, scans) older than {@code sync.anomaly.retention} every {@code
 * interval} (the first time one interval after start-up), on a thread of its own. Anomalies are kept.
 */
public final class Retention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final HistoryStore store;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    public Retention(HistoryStore store, Duration retention, Clock clock, Duration interval) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anomaly-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Deletes what is older than the retention now; returns the rows deleted. */
    public int run() {
        int deleted = store.deleteHistoryBefore(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("deleted {} history rows older than {}", deleted, retention);
        }
        return deleted;
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("history cleanup failed, next try in one interval: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
