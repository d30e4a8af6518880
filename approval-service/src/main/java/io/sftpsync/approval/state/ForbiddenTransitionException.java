package io.sftpsync.approval.state;

/** A move the state machine does not allow; the API answers it with 409. */
public final class ForbiddenTransitionException extends RuntimeException {

    private final ApprovalState from;
    private final ApprovalState to;

    public ForbiddenTransitionException(ApprovalState from, ApprovalState to) {
        super("an approval in state " + from + " cannot become " + to);
        this.from = from;
        this.to = to;
    }

    public ApprovalState from() {
        return from;
    }

    public ApprovalState to() {
        return to;
    }
}
