package io.sftpsync.approval.decision;

import io.sftpsync.core.events.TransferStrategy;
import java.util.Objects;
import org.springframework.util.unit.DataSize;

/**
 * Files above the threshold need two different operators agreeing on the same strategy and part size: the first
 * approval is recorded and the file stays PENDING, the second approves it.
 */
public final class TwoPersonRule {

    /** What an operator's approve does. */
    public sealed interface Verdict {
    }

    /** The file is approved now. */
    public record Approve() implements Verdict {
    }

    /** The first of two approvals: recorded, one more operator is needed. */
    public record FirstOfTwo() implements Verdict {
    }

    /** Refused (409), with the reason. */
    public record Refused(String reason) implements Verdict {
    }

    private final DataSize threshold;

    /** @param threshold files above it need two approvers; null: nobody needs two */
    public TwoPersonRule(DataSize threshold) {
        this.threshold = threshold;
    }

    public boolean required(long size) {
        return threshold != null && size > threshold.toBytes();
    }

    /**
     * @param firstApprover the recorded first approver, or null
     * @param firstStrategy the first approver's strategy
     * @param firstPartSize the first approver's part size
     */
    public Verdict judge(long size, String firstApprover, TransferStrategy firstStrategy, Long firstPartSize,
            String operator, TransferStrategy strategy, Long partSize) {
        if (!required(size)) {
            return new Approve();
        }
        if (firstApprover == null) {
            return new FirstOfTwo();
        }
        if (firstApprover.equals(operator)) {
            return new Refused(operator + " already approved this file: the two-person rule needs another operator");
        }
        if (firstStrategy != strategy || !Objects.equals(firstPartSize, partSize)) {
            return new Refused("the first approver, " + firstApprover + ", chose " + describe(firstStrategy,
                    firstPartSize) + "; the second approval must choose the same, not " + describe(strategy, partSize));
        }
        return new Approve();
    }

    static String describe(TransferStrategy strategy, Long partSize) {
        return partSize == null ? strategy.name() : strategy + " with part size " + partSize + " bytes";
    }
}
