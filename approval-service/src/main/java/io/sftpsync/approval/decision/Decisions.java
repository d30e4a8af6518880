package io.sftpsync.approval.decision;

import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.approval.state.ApprovalStates;
import io.sftpsync.approval.store.ApprovalRow;
import io.sftpsync.approval.store.ApprovalStore;
import io.sftpsync.core.events.TransferStrategy;
import java.time.Clock;
import java.time.Instant;
import org.springframework.transaction.support.TransactionTemplate;

/** What operators do to an approval, each in one transaction: approve, reject, retry, report an outcome. */
public final class Decisions {

    /** An approve's effect: approved now, or the first of two approvals. */
    public record Approved(ApprovalRow approval, boolean awaitingSecond) {
    }

    private final ApprovalStore store;
    private final Transitions transitions;
    private final TwoPersonRule twoPerson;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Runnable afterCommit;

    /** @param afterCommit run after each committed decision (the outbox relay's nudge) */
    public Decisions(ApprovalStore store, Transitions transitions, TwoPersonRule twoPerson, TransactionTemplate tx,
            Clock clock, Runnable afterCommit) {
        this.store = store;
        this.transitions = transitions;
        this.twoPerson = twoPerson;
        this.tx = tx;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    public boolean twoPersonRequired(long size) {
        return twoPerson.required(size);
    }

    /** The one strategy a file the risk gate held runs with: the copy of its size class, as if never held. */
    public static final TransferStrategy HELD_STRATEGY = TransferStrategy.CHUNKED;

    public Approved approve(String id, String operator, TransferStrategy strategy, Long partSize, String comment) {
        Approved approved = tx.execute(status -> {
            ApprovalRow row = load(id);
            ApprovalStates.check(row.state(), ApprovalState.APPROVED);
            if (row.held() && strategy != HELD_STRATEGY) {
                throw new StrategyRefusedException("approval " + id + " is a " + row.anomalyType() + " file the "
                        + "risk gate held, not an oversized one: it runs only as " + HELD_STRATEGY + ", the copy its "
                        + "size class always gets, not " + strategy);
            }
            Instant now = clock.instant();
            TwoPersonRule.Verdict verdict = twoPerson.judge(row.size(), row.firstApprover(), row.firstStrategy(),
                    row.firstPartSize(), operator, strategy, partSize);
            switch (verdict) {
                case TwoPersonRule.Refused refused -> throw new ApprovalConflictException(refused.reason());
                case TwoPersonRule.FirstOfTwo first -> {
                    row.firstApproval(operator, strategy, partSize, now);
                    store.save(row);
                    store.record(row, row.state(), row.state(), operator,
                            join("first of two approvals", comment), now);
                    return new Approved(row, true);
                }
                case TwoPersonRule.Approve approve -> {
                    // Under the two-person rule, first_approver keeps the first; the second is the one who decided.
                    transitions.approve(row, operator, strategy, partSize, comment, now);
                    return new Approved(row, false);
                }
            }
        });
        afterCommit.run();
        return approved;
    }

    public ApprovalRow reject(String id, String operator, String reason) {
        return commit(() -> {
            ApprovalRow row = load(id);
            transitions.reject(row, operator, reason, clock.instant());
            return row;
        });
    }

    public ApprovalRow retry(String id, String operator) {
        return commit(() -> {
            ApprovalRow row = load(id);
            transitions.retry(row, operator, clock.instant());
            return row;
        });
    }

    ApprovalRow load(String id) {
        return store.find(id).orElseThrow(() -> new ApprovalNotFoundException(id));
    }

    private ApprovalRow commit(java.util.function.Supplier<ApprovalRow> change) {
        ApprovalRow row = tx.execute(status -> change.get());
        afterCommit.run();
        return row;
    }

    private static String join(String a, String b) {
        return b == null || b.isBlank() ? a : a + ": " + b;
    }
}
