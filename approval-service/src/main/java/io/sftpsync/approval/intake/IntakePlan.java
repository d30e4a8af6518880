package io.sftpsync.approval.intake;

import io.sftpsync.approval.state.ApprovalState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a discovery of an oversized file does to the approvals of its path, decided from those approvals alone:
 * a version (size, mtime) already waiting or decided is left as it is, so a redelivery or a re-scan adds nothing;
 * a new version, or one whose approval expired, gets a new PENDING approval and supersedes the path's PENDING or
 * REJECTED approvals of other versions. A discovery older than one of another version already held is stale (a
 * redelivery from before the file changed) and changes nothing.
 */
public final class IntakePlan {

    /** States of a version that a new discovery of it must not reopen. */
    private static final Set<ApprovalState> CLOSED_TO_NEW = EnumSet.of(ApprovalState.SUPERSEDED, ApprovalState.EXPIRED);
    /** States of another version that a new version replaces. */
    private static final Set<ApprovalState> REPLACED = EnumSet.of(ApprovalState.PENDING, ApprovalState.REJECTED);

    /** An existing approval of the path, as the plan needs to see it. */
    public record Existing(String id, long size, Instant sourceMtime, Instant discoveredAt, ApprovalState state) {
        boolean sameVersion(long size, Instant mtime) {
            return this.size == size && this.sourceMtime.equals(mtime);
        }
    }

    /**
     * @param create     whether a new PENDING approval is created
     * @param supersede  the ids of the approvals that become SUPERSEDED
     */
    public record Plan(boolean create, List<String> supersede) {
        static final Plan NOTHING = new Plan(false, List.of());
    }

    private IntakePlan() {
    }

    public static Plan plan(long size, Instant sourceMtime, Instant discoveredAt, List<Existing> existing) {
        boolean stale = existing.stream()
                .anyMatch(e -> !e.sameVersion(size, sourceMtime) && e.discoveredAt().isAfter(discoveredAt));
        if (stale) {
            return Plan.NOTHING;
        }
        boolean live = existing.stream()
                .anyMatch(e -> e.sameVersion(size, sourceMtime) && !CLOSED_TO_NEW.contains(e.state()));
        if (live) {
            return Plan.NOTHING;
        }
        List<String> replaced = existing.stream()
                .filter(e -> !e.sameVersion(size, sourceMtime) && REPLACED.contains(e.state()))
                .map(Existing::id).toList();
        return new Plan(true, replaced);
    }
}
