package io.sftpsync.scanner.scan;

import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.scanner.delete.DeletionPlan;
import java.util.List;

/**
 * What a scan did: the summary event, and the files it queued (or, for a dry run, would have queued).
 *
 * @param summary       the ScanCompleted event (published unless dry run)
 * @param planned       the queued files, at most {@link ScanTally#PLAN_LIMIT} of them
 * @param planTruncated true when more files were queued than {@code planned} holds
 * @param deletions     the sink files the source lacks and what becomes of them; null with deletions off
 */
public record ScanReport(ScanCompleted summary, List<FileDiscovered> planned, boolean planTruncated,
        DeletionPlan deletions) {
}
