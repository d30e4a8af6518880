package io.sftpsync.approval.decision;

/** A request the approval's current situation refuses (the two-person rule, an outcome for a non-EXTERNAL run); 409. */
public final class ApprovalConflictException extends RuntimeException {
    public ApprovalConflictException(String message) {
        super(message);
    }
}
