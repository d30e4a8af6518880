package io.sftpsync.approval.decision;

/** No approval has the id; the API answers 404. */
public final class ApprovalNotFoundException extends RuntimeException {
    public ApprovalNotFoundException(String id) {
        super("no approval " + id);
    }
}
