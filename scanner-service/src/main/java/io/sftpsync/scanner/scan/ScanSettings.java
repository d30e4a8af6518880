package io.sftpsync.scanner.scan;

import io.sftpsync.core.diff.SyncDecision;
import io.sftpsync.core.listing.ListingMemory;
import io.sftpsync.core.topics.SizeRouter;
import java.time.Duration;
import io.sftpsync.boot.config.DeletionProperties;
import java.util.Objects;

/**
 * What a {@link Scanner} is configured with, apart from its servers and its broker.
 *
 * @param filter             include and exclude globs and the minimum age
 * @param decision           the rule that says whether the sink holds a file
 * @param router             the size classes, and so the topics
 * @param requireStable      queue a file only once two scans in a row saw it unchanged
 * @param followSymlinks     list what symlinks point to, on both sides
 * @param staleTemporaryAge  age after which a copy's temporary at the sink is removed; zero keeps them
 * @param listingMemory      entries of a directory held in memory per side, and where wider listings spill
 * @param riskGate           discoveries that are not oversized go to the risk gate's screening topic
 * @param deletions          whether and how sink files the source lacks are removed ({@code sync.delete.*})
 */
public record ScanSettings(ScanFilter filter, SyncDecision decision, SizeRouter router, boolean requireStable,
        boolean followSymlinks, Duration staleTemporaryAge, ListingMemory listingMemory, boolean riskGate,
        DeletionProperties deletions) {

    /** Deletions off. */
    public static final DeletionProperties NO_DELETIONS = new DeletionProperties(false, null, 100, 0.5);

    /** Settings that delete nothing at the sink. */
    public ScanSettings(ScanFilter filter, SyncDecision decision, SizeRouter router, boolean requireStable,
            boolean followSymlinks, Duration staleTemporaryAge, ListingMemory listingMemory, boolean riskGate) {
        this(filter, decision, router, requireStable, followSymlinks, staleTemporaryAge, listingMemory, riskGate,
                NO_DELETIONS);
    }

    public ScanSettings {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(staleTemporaryAge, "staleTemporaryAge");
        Objects.requireNonNull(listingMemory, "listingMemory");
        Objects.requireNonNull(deletions, "deletions");
    }
}
