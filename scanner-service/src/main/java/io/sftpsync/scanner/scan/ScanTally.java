package io.sftpsync.scanner.scan;

import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.scanner.delete.DeletionPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The counts of one scan, and the first {@link #PLAN_LIMIT} files it queued, for its report. */
final class ScanTally {

    /** Files a report lists at most; the counts are always complete. */
    static final int PLAN_LIMIT = 10_000;

    private final Map<SizeClass, Long> files = new EnumMap<>(SizeClass.class);
    private final Map<SizeClass, Long> bytes = new EnumMap<>(SizeClass.class);
    private final List<FileDiscovered> planned = new ArrayList<>();
    private long seen;
    private long upToDate;
    private long deferred;

    /** Counts a decision; a queued file is counted by {@link #queued} once its event exists. */
    void count(ScanDecision decision) {
        if (!(decision instanceof ScanDecision.Ignored)) {
            seen++;
        }
        if (decision instanceof ScanDecision.UpToDate) {
            upToDate++;
        } else if (decision instanceof ScanDecision.Deferred) {
            deferred++;
        }
    }

    void queued(FileDiscovered event) {
        files.merge(event.sizeClass(), 1L, Long::sum);
        bytes.merge(event.sizeClass(), event.size(), Long::sum);
        if (planned.size() < PLAN_LIMIT) {
            planned.add(event);
        }
    }

    /** The ScanCompleted of a scan with these counts. */
    ScanCompleted summary(UUID scanId, Instant startedAt, Instant finishedAt, List<String> errors, boolean dryRun,
            String trigger) {
        return new ScanCompleted(SyncEvent.CURRENT_SCHEMA_VERSION, scanId, startedAt, finishedAt, seen, files, bytes,
                upToDate, deferred, errors, dryRun, trigger);
    }

    /** The report of the scan {@code summary} sums up; {@code deletions} null when they are off. */
    ScanReport report(ScanCompleted summary, DeletionPlan deletions) {
        return new ScanReport(summary, List.copyOf(planned), summary.totalQueued() > planned.size(), deletions);
    }
}
