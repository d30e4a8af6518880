package io.sftpsync.core.events;

import java.util.Objects;

/**
 * An operator's approval of an oversized file, carried on the {@link FileDiscovered} event that the
 * approval service republishes to the large-file topic.
 *
 * @param approvalId the approval's id in the approval service
 * @param strategy   how the file is to be written
 * @param operator   who approved it (a user name, or {@code rule:<name>} for an approval policy)
 * @param partSize   bytes per part, for {@link TransferStrategy#SPLIT}; null otherwise
 * @param proof      the approval service's HMAC over these fields and the file's path, size and mtime
 *                   ({@code io.sftpsync.core.approval.ApprovalProof}); null on an unsigned approval, which the
 *                   large-transfer service dead-letters
 */
public record Approval(String approvalId, TransferStrategy strategy, String operator, Long partSize, String proof) {
    public Approval {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(strategy, "strategy");
        if (strategy == TransferStrategy.SPLIT && (partSize == null || partSize <= 0)) {
            throw new IllegalArgumentException("partSize must be positive for the SPLIT strategy");
        }
    }

    /** An approval not signed yet. */
    public Approval(String approvalId, TransferStrategy strategy, String operator, Long partSize) {
        this(approvalId, strategy, operator, partSize, null);
    }

    /** The same approval with the given proof. */
    public Approval withProof(String proof) {
        return new Approval(approvalId, strategy, operator, partSize, proof);
    }
}
