package io.sftpsync.core.events;

import java.util.Objects;

/**
 * An operator's approval of an oversized file, carried on the {@link FileDiscovered} event that the
 * approval service republishes.
 *
 * @param approvalId the approval's id in the approval service
 * @param strategy   how the file is to be written
 * @param operator   who approved it
 * @param partSize   bytes per part, for {@link TransferStrategy#SPLIT}; null otherwise
 */
public record Approval(String approvalId, TransferStrategy strategy, String operator, Long partSize) {
    public Approval {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(strategy, "strategy");
        if (strategy == TransferStrategy.SPLIT && (partSize == null || partSize <= 0)) {
            throw new IllegalArgumentException("partSize must be positive for the SPLIT strategy");
        }
    }
}
