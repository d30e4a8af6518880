package io.sftpsync.approval.expiry;

import io.sftpsync.approval.decision.Transitions;
import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.approval.store.ApprovalRow;
import io.sftpsync.approval.store.ApprovalStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/** PENDING approvals created longer than {@code expire-after} ago become EXPIRED, decided by {@code system}. */
public final class Expiry {

    private final ApprovalStore store;
    private final Transitions transitions;
    private final Optional<Duration> expireAfter;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Runnable afterCommit;

    public Expiry(ApprovalStore store, Transitions transitions, Optional<Duration> expireAfter, TransactionTemplate tx,
            Clock clock, Runnable afterCommit) {
        this.store = store;
        this.transitions = transitions;
        this.expireAfter = expireAfter;
        this.tx = tx;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /** Whether an approval created at {@code createdAt} has expired at {@code now}. */
    public static boolean expired(Instant createdAt, Instant now, Optional<Duration> expireAfter) {
        return expireAfter.isPresent() && !createdAt.plus(expireAfter.get()).isAfter(now);
    }

    /** @return how many approvals expired */
    public int run() {
        if (expireAfter.isEmpty()) {
            return 0;
        }
        int total = 0;
        int batch;
        do {
            batch = tx.execute(status -> {
                Instant now = clock.instant();
                List<ApprovalRow> due = store.approvals().findTop100ByStateAndCreatedAtBeforeOrderByCreatedAtAsc(
                        ApprovalState.PENDING, now.minus(expireAfter.get()).plusNanos(1));
                due.forEach(row -> transitions.expire(row, now));
                return due.size();
            });
            total += batch;
        } while (batch == 100);
        if (total > 0) {
            afterCommit.run();
        }
        return total;
    }
}
