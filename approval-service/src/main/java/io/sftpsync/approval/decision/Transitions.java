package io.sftpsync.approval.decision;

import io.sftpsync.approval.metrics.ApprovalMetrics;
import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.approval.state.ApprovalStates;
import io.sftpsync.approval.store.ApprovalRow;
import io.sftpsync.approval.store.ApprovalStore;
import io.sftpsync.core.events.ApprovalDecided;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.topics.Topics;
import java.time.Instant;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes the decisions that take an approval out of PENDING (or a FAILED run back to APPROVED): checks the state
 * machine, updates the row, appends the history, queues {@code ApprovalDecided} and, for an approval, the record
 * that runs it, all in the caller's transaction. Metrics count a decision only once it has committed.
 */
public final class Transitions {

    public static final String SYSTEM = "system";

    private final ApprovalStore store;
    private final Dispatch dispatch;
    private final ApprovalMetrics metrics;

    public Transitions(ApprovalStore store, Dispatch dispatch, ApprovalMetrics metrics) {
        this.store = store;
        this.dispatch = dispatch;
        this.metrics = metrics;
    }

    public void approve(ApprovalRow row, String by, TransferStrategy strategy, Long partSize, String comment,
            Instant now) {
        decide(row, ApprovalState.APPROVED, by, strategy, partSize, comment, now);
        dispatch.run(row, by, now);
    }

    public void reject(ApprovalRow row, String by, String reason, Instant now) {
        decide(row, ApprovalState.REJECTED, by, null, null, reason, now);
    }

    public void expire(ApprovalRow row, Instant now) {
        decide(row, ApprovalState.EXPIRED, SYSTEM, null, null, "no decision within sync.approval.expire-after", now);
    }

    public void supersede(ApprovalRow row, String newerId, Instant now) {
        // A REJECTED approval keeps who rejected it and why: its history says it was superseded.
        if (row.state() == ApprovalState.REJECTED) {
            ApprovalStates.check(row.state(), ApprovalState.SUPERSEDED);
            store.move(row, ApprovalState.SUPERSEDED, SYSTEM, "a newer version of the file: approval " + newerId,
                    now);
            announce(row, ApprovalState.SUPERSEDED, SYSTEM, now);
            return;
        }
        decide(row, ApprovalState.SUPERSEDED, SYSTEM, null, null, "a newer version of the file: approval " + newerId,
                now);
    }

    /** FAILED back to APPROVED: the same approval runs again, with a new record. */
    public void retry(ApprovalRow row, String by, Instant now) {
        ApprovalStates.check(row.state(), ApprovalState.APPROVED);
        row.outcome(null);
        store.move(row, ApprovalState.APPROVED, by, "retry", now);
        dispatch.run(row, row.decidedBy(), now);
    }

    private void decide(ApprovalRow row, ApprovalState to, String by, TransferStrategy strategy, Long partSize,
            String comment, Instant now) {
        ApprovalStates.check(row.state(), to);
        row.decide(by, now, strategy, partSize, comment);
        store.move(row, to, by, comment, now);
        announce(row, to, by, now);
    }

    private void announce(ApprovalRow row, ApprovalState to, String by, Instant now) {
        store.send(Topics.APPROVALS, row.path(), new ApprovalDecided(SyncEvent.CURRENT_SCHEMA_VERSION,
                UUID.randomUUID(), row.id(), row.path(), row.size(), to.name(), row.strategy(), row.partSize(), by,
                row.comment(), now), now);
        Instant discovered = row.discoveredAt();
        afterCommit(() -> metrics.decided(to, by, discovered, now));
    }

    static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
