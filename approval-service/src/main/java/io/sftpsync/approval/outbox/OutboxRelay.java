package io.sftpsync.approval.outbox;

import io.sftpsync.approval.store.OutboxRepository;
import io.sftpsync.approval.store.OutboxRow;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.SyncEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox's records in order and deletes each batch only once the broker has acknowledged all of it, in
 * the transaction that locked the rows: a crash before the delete sends them again (at least once), never loses
 * one. Runs every {@code interval}, and at once when {@link #nudge()}d after a commit.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final OutboxRepository outbox;
    private final EventPublisher publisher;
    private final TransactionTemplate tx;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("approval-outbox").daemon().factory());
    /** A nudge already queued covers the ones that come before it runs. */
    private final AtomicBoolean nudged = new AtomicBoolean();

    public OutboxRelay(OutboxRepository outbox, EventPublisher publisher, TransactionTemplate tx, Duration interval) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.tx = tx;
        executor.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Sends soon, without waiting for the next interval. */
    public void nudge() {
        if (nudged.compareAndSet(false, true)) {
            executor.execute(() -> {
                nudged.set(false);
                runSafely();
            });
        }
    }

    /** Sends until the outbox is empty; returns how many were sent. */
    int drain() {
        int total = 0;
        int sent;
        do {
            sent = tx.execute(status -> sendBatch());
            total += sent;
        } while (sent > 0);
        return total;
    }

    private int sendBatch() {
        List<OutboxRow> rows = outbox.lockOldest();
        List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            acks.add(publisher.publish(row.topic(), row.key(), decode(row)));
        }
        // Throws when one is not acknowledged: the transaction rolls back and every row stays for the next run.
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .orTimeout(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        outbox.deleteAllInBatch(rows);
        return rows.size();
    }

    private static SyncEvent decode(OutboxRow row) {
        try {
            Class<? extends SyncEvent> type = Class.forName(SyncEvent.class.getPackageName() + "." + row.eventType())
                    .asSubclass(SyncEvent.class);
            return EventCodec.decode(row.payload(), type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("outbox row " + row.id() + ": unknown event type " + row.eventType(), e);
        }
    }

    private void runSafely() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("outbox: sending failed, the records stay for the next run: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
