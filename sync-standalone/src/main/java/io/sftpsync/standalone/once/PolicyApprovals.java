package io.sftpsync.standalone.once;

import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.approval.store.ApprovalRepository;
import io.sftpsync.approval.store.ApprovalRow;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the approval service of this process made of the oversized files a once scan queued: it takes each
 * discovery in its own consumer, so the once run waits until every one has its approval, then copies in the same
 * run the files an approval policy approved, and lists the others as waiting for a person.
 */
public final class PolicyApprovals {

    /** The states of an approval that stands for its file version; the others were replaced. */
    private static final Set<ApprovalState> LIVE = EnumSet.complementOf(
            EnumSet.of(ApprovalState.EXPIRED, ApprovalState.SUPERSEDED));

    /**
     * @param approved      the records a policy published in this run: their results are waited for
     * @param approvedBytes their bytes
     * @param rejected      files an operator rejected: left alone until their source changes
     * @param done          files whose approved copy an earlier run finished (queued again, say, after the sink lost
     *                      them): the approval service asks no second approval for the same version
     * @param settledPaths  the paths of the files counted above, so the summary lists only the waiting ones
     */
    record Outcome(Set<UUID> approved, long approvedBytes, long rejected, long done, Set<String> settledPaths) {
        static final Outcome NONE = new Outcome(Set.of(), 0, 0, 0, Set.of());

        /** Oversized files that need nothing more from this run. */
        long settled() {
            return approved.size() + rejected + done;
        }
    }

    private final ApprovalRepository approvals;

    public PolicyApprovals(ApprovalRepository approvals) {
        this.approvals = approvals;
    }

    /**
     * Waits (until the deadline) for the approval of each oversized file among {@code planned}.
     *
     * @param since when this run's scan started: an approval decided before belongs to an earlier run
     */
    Outcome await(List<FileDiscovered> planned, Instant since, Instant deadline) throws InterruptedException {
        List<FileDiscovered> oversized = planned.stream().filter(f -> f.sizeClass() == SizeClass.OVERSIZED).toList();
        List<ApprovalRow> rows = new ArrayList<>();
        for (FileDiscovered file : oversized) {
            Optional<ApprovalRow> row = live(file);
            while (row.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                row = live(file);
            }
            row.ifPresent(rows::add);
        }
        Set<UUID> approved = new HashSet<>();
        long approvedBytes = 0;
        long rejected = 0;
        long done = 0;
        Set<String> settled = new HashSet<>();
        for (ApprovalRow row : rows) {
            if (byPolicyInThisRun(row, since)) {
                approved.add(row.publishedEventId());
                approvedBytes += row.size();
            } else if (row.state() == ApprovalState.REJECTED) {
                rejected++;
            } else if (row.state() == ApprovalState.DONE) {
                done++;
            } else {
                continue;
            }
            settled.add(row.path());
        }
        return new Outcome(Set.copyOf(approved), approvedBytes, rejected, done, Set.copyOf(settled));
    }

    private static boolean byPolicyInThisRun(ApprovalRow row, Instant since) {
        return row.publishedEventId() != null && row.decidedBy() != null && row.decidedBy().startsWith("rule:")
                && row.decidedAt() != null && !row.decidedAt().isBefore(since)
                && row.state() != ApprovalState.REJECTED;
    }

    private Optional<ApprovalRow> live(FileDiscovered file) {
        return approvals.findByPathOrderByCreatedAtAsc(file.path()).stream()
                .filter(r -> LIVE.contains(r.state()) && r.size() == file.size()
                        && r.sourceMtime().equals(file.sourceMtime()))
                .reduce((first, second) -> second);
    }
}
