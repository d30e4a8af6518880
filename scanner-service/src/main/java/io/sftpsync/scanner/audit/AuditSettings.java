package io.sftpsync.scanner.audit;

import io.sftpsync.core.diff.SyncDecision;
import io.sftpsync.core.listing.ListingMemory;
import io.sftpsync.core.topics.SizeRouter;
import io.sftpsync.scanner.scan.ScanFilter;
import java.util.Objects;

/**
 * How audits choose and route files: the scan's filter and up-to-date rule (a pair the scan skips is a pair the
 * audit hashes), its size classes and listing settings, and the sample size.
 *
 * @param filter         include and exclude globs of the scan
 * @param decision       the rule by which a pair looks identical
 * @param router         the size classes, for the topic a mismatched file is queued on
 * @param followSymlinks as the scan
 * @param memory         listing memory, as the scan
 * @param limit          files per audit; {@link Integer#MAX_VALUE} for all
 */
public record AuditSettings(ScanFilter filter, SyncDecision decision, SizeRouter router, boolean followSymlinks,
        ListingMemory memory, int limit) {

    public AuditSettings {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(memory, "memory");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    boolean all() {
        return limit == Integer.MAX_VALUE;
    }
}
