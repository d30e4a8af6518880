package io.sftpsync.large.listener;

import io.sftpsync.boot.proof.ProofKey;
import io.sftpsync.core.approval.ApprovalProof;
import io.sftpsync.core.events.Approval;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.TransferStrategy;
import java.util.Optional;

/**
 * Decides whether an approved record may run: only with a proof that verifies under this service's key, since
 * anyone who can write to the large-file topic could otherwise approve a file. A record without an approval is
 * not this check's business (a large file, or an oversized one that the transfer refuses with a result).
 */
public final class ApprovalCheck {

    private final Optional<ApprovalProof> proof;

    public ApprovalCheck(ProofKey key) {
        this.proof = key.proof();
    }

    /** Why the record must not run, or empty when it may. */
    public Optional<String> refusal(FileDiscovered event) {
        Approval approval = event.approval();
        if (approval == null) {
            return Optional.empty();
        }
        if (approval.strategy() == TransferStrategy.EXTERNAL) {
            return Optional.of("approval " + approval.approvalId() + ": the EXTERNAL strategy is run by another "
                    + "system, never by the large-transfer service");
        }
        if (proof.isEmpty()) {
            return Optional.of("approval " + approval.approvalId() + ": this service has no approval proof key, so "
                    + "no approval can be checked; " + ProofKey.HOW_TO_CONFIGURE);
        }
        if (approval.proof() == null) {
            return Optional.of("approval " + approval.approvalId() + " carries no proof");
        }
        if (!proof.get().verify(event)) {
            return Optional.of("approval " + approval.approvalId() + ": the proof does not match the approval and "
                    + "the file (forged, altered, or signed with another key)");
        }
        return Optional.empty();
    }

    /** Why a record went to the dead-letter topic instead of running. */
    public static final class UnprovenApprovalException extends Exception {
        public UnprovenApprovalException(String message) {
            super(message);
        }
    }
}
