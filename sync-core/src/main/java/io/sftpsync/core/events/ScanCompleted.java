package io.sftpsync.core.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Summary of one scan, published to {@code sftp.scans}.
 *
 * @param filesSeen       source files listed (after include/exclude)
 * @param filesQueued     files published per size class (planned, for a dry run)
 * @param bytesQueued     bytes published per size class
 * @param filesUpToDate   files identical at the sink
 * @param filesDeferred   files too young, still changing, or already queued by an earlier scan
 * @param errors          paths the scan could not handle, each with the reason
 * @param dryRun          true when nothing was published
 * @param trigger         what started the scan: schedule, interval, api, once
 */
public record ScanCompleted(
        int schemaVersion,
        UUID scanId,
        Instant startedAt,
        Instant finishedAt,
        long filesSeen,
        Map<SizeClass, Long> filesQueued,
        Map<SizeClass, Long> bytesQueued,
        long filesUpToDate,
        long filesDeferred,
        List<String> errors,
        boolean dryRun,
        String trigger) implements SyncEvent {

    public ScanCompleted {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(scanId, "scanId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        filesQueued = Map.copyOf(Objects.requireNonNull(filesQueued, "filesQueued"));
        bytesQueued = Map.copyOf(Objects.requireNonNull(bytesQueued, "bytesQueued"));
        errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
    }

    public long totalQueued() {
        return filesQueued.values().stream().mapToLong(Long::longValue).sum();
    }
}
