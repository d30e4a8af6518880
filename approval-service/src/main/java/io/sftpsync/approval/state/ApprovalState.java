package io.sftpsync.approval.state;

/** Where an approval stands; {@link ApprovalStates} says which moves are allowed. */
public enum ApprovalState {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    SUPERSEDED,
    IN_PROGRESS,
    DONE,
    FAILED
}
