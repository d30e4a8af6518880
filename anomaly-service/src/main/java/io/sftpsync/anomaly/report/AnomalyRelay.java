package io.sftpsync.anomaly.report;

import io.sftpsync.anomaly.store.HistoryStore;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.events.AnomalyDetected;
import io.sftpsync.core.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the stored anomalies that are not yet on {@code sftp.anomalies}, oldest first, each marked published in
 * the transaction that locked it ({@code FOR UPDATE SKIP LOCKED}: two processes never publish the same one). Runs
 * after each consumed batch commits and every {@code sweep} on a thread of its own (for the watches' findings and
 * after a broker outage). A crash between the broker's acknowledgement and the commit publishes one again: at
 * least once, the anomaly's id telling a reader it has seen it.
 */
public final class AnomalyRelay implements AutoCloseable {

    /** Anomalies locked and published per transaction. */
    static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(AnomalyRelay.class);

    private final HistoryStore store;
    private final EventPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    public AnomalyRelay(HistoryStore store, EventPublisher publisher, TransactionTemplate transactions, Clock clock,
            Duration sweep) {
        this.store = store;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anomaly-relay");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::publishQuietly, sweep.toMillis(), sweep.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Publishes every pending anomaly; a failure leaves the rest pending for the next run. */
    public void publishQuietly() {
        try {
            publishPending();
        } catch (RuntimeException e) {
            log.warn("publishing anomalies to {} failed, next try within the sweep: {}", Topics.ANOMALIES,
                    e.toString());
        }
    }

    /** @return how many were published */
    public int publishPending() {
        int total = 0;
        int published;
        do {
            published = transactions.execute(status -> {
                List<HistoryStore.PendingAnomaly> pending = store.lockUnpublished(BATCH);
                // Sent together and acknowledged together: one wait per batch, not one round trip per anomaly.
                CompletableFuture.allOf(pending.stream().map(a -> publisher.publish(Topics.ANOMALIES, a.path(),
                        AnomalyDetected.of(a.id(), a.path(), a.type(), a.severity(), a.score(), a.message(),
                                a.causationId(), a.detectedAt()))).toArray(CompletableFuture[]::new)).join();
                store.markPublished(pending.stream().map(HistoryStore.PendingAnomaly::id).toList(), clock.instant());
                return pending.size();
            });
            total += published;
        } while (published == BATCH);
        return total;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
