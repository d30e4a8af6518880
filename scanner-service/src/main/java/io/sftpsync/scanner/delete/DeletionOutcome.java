package io.sftpsync.scanner.delete;

import java.util.List;

/**
 * What carrying out a {@link DeletionPlan} did.
 *
 * @param deleted files removed from the sink
 * @param moved   files moved into {@code sync.delete.backup-dir}
 * @param skipped files left because they changed since the scan: back at the source, changed or gone at the sink
 * @param failed  files that could not be removed, or checked, with the reason; they stay where they were
 */
public record DeletionOutcome(long deleted, long moved, long skipped, List<String> failed) {

    public DeletionOutcome {
        failed = List.copyOf(failed);
    }

    /** Nothing was to be done. */
    public static final DeletionOutcome NONE = new DeletionOutcome(0, 0, 0, List.of());

    /** Files that left the sink's base path. */
    public long removed() {
        return deleted + moved;
    }
}
