package io.sftpsync.approval.state;

import static io.sftpsync.approval.state.ApprovalState.APPROVED;
import static io.sftpsync.approval.state.ApprovalState.DONE;
import static io.sftpsync.approval.state.ApprovalState.EXPIRED;
import static io.sftpsync.approval.state.ApprovalState.FAILED;
import static io.sftpsync.approval.state.ApprovalState.IN_PROGRESS;
import static io.sftpsync.approval.state.ApprovalState.PENDING;
import static io.sftpsync.approval.state.ApprovalState.REJECTED;
import static io.sftpsync.approval.state.ApprovalState.SUPERSEDED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The approval state machine: the only place that says which state may follow which. */
public final class ApprovalStates {

    private static final Map<ApprovalState, Set<ApprovalState>> ALLOWED = Map.of(
            PENDING, EnumSet.of(APPROVED, REJECTED, EXPIRED, SUPERSEDED),
            REJECTED, EnumSet.of(SUPERSEDED),
            APPROVED, EnumSet.of(IN_PROGRESS, DONE, FAILED),
            IN_PROGRESS, EnumSet.of(DONE, FAILED),
            // A retry: the same approval runs again.
            FAILED, EnumSet.of(APPROVED),
            EXPIRED, EnumSet.noneOf(ApprovalState.class),
            SUPERSEDED, EnumSet.noneOf(ApprovalState.class),
            DONE, EnumSet.noneOf(ApprovalState.class));

    private ApprovalStates() {
    }

    public static boolean allowed(ApprovalState from, ApprovalState to) {
        return ALLOWED.get(from).contains(to);
    }

    /**
     * @throws ForbiddenTransitionException when {@code to} may not follow {@code from}
     */
    public static void check(ApprovalState from, ApprovalState to) {
        if (!allowed(from, to)) {
            throw new ForbiddenTransitionException(from, to);
        }
    }
}
