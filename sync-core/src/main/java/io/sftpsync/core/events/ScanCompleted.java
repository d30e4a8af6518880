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
 * @param sinkFreeBytes   bytes free for the sink's user at its base path when the scan ended
 *                        ({@code statvfs@openssh.com}); null when the sink does not offer it, the question failed,
 *                        or the scan was a dry run. Added after version 1 without a new version: older JSON has no
 *                        such field and reads as null
 * @param subtree         the directory scanned, relative to the base path; "" (or null, in JSON from before it was
 *                        added) for the whole base path
 * @param requestId       the {@link ScanRequested} this scan answers, or null when no request over Kafka asked for it
 * @param deletions       what the scan found at the sink only and did about it, with {@code sync.delete.enabled};
 *                        null when deletions are off (and in JSON from before they existed)
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
        String trigger,
        Long sinkFreeBytes,
        String subtree,
        UUID requestId,
        Deletions deletions) implements SyncEvent {

    /**
     * The sink files a scan found that the source does not have.
     *
     * @param candidates sink files the source lacks that a deletion would remove (after include/exclude; never a
     *                   temporary, a kept previous version, or a file written by an approved strategy)
     * @param sinkFiles  sink files the scan listed, for the fraction guard
     * @param withheld   why none is removed although the scan succeeded: the candidates are more than
     *                   {@code sync.delete.max} or than {@code sync.delete.max-fraction} of the sink (a MASS_DELETION
     *                   anomaly); null when the guards let them go
     */
    public record Deletions(long candidates, long sinkFiles, String withheld) {

        public Deletions {
            if (candidates < 0 || sinkFiles < 0) {
                throw new IllegalArgumentException("deletion counts must be >= 0, were " + candidates + " and "
                        + sinkFiles);
            }
        }
    }

    public ScanCompleted {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(scanId, "scanId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        filesQueued = Map.copyOf(Objects.requireNonNull(filesQueued, "filesQueued"));
        bytesQueued = Map.copyOf(Objects.requireNonNull(bytesQueued, "bytesQueued"));
        errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
        if (sinkFreeBytes != null && sinkFreeBytes < 0) {
            throw new IllegalArgumentException("sinkFreeBytes must be >= 0 or null, was " + sinkFreeBytes);
        }
        subtree = ScanRequested.normalSubtree(subtree);
    }

    /** A summary without the sink's free space, as before {@code sinkFreeBytes} existed. */
    public ScanCompleted(int schemaVersion, UUID scanId, Instant startedAt, Instant finishedAt, long filesSeen,
            Map<SizeClass, Long> filesQueued, Map<SizeClass, Long> bytesQueued, long filesUpToDate,
            long filesDeferred, List<String> errors, boolean dryRun, String trigger) {
        this(schemaVersion, scanId, startedAt, finishedAt, filesSeen, filesQueued, bytesQueued, filesUpToDate,
                filesDeferred, errors, dryRun, trigger, null, "", null, null);
    }

    /** A summary of the whole base path, with the sink's free space, as before {@code subtree} existed. */
    public ScanCompleted(int schemaVersion, UUID scanId, Instant startedAt, Instant finishedAt, long filesSeen,
            Map<SizeClass, Long> filesQueued, Map<SizeClass, Long> bytesQueued, long filesUpToDate,
            long filesDeferred, List<String> errors, boolean dryRun, String trigger, Long sinkFreeBytes) {
        this(schemaVersion, scanId, startedAt, finishedAt, filesSeen, filesQueued, bytesQueued, filesUpToDate,
                filesDeferred, errors, dryRun, trigger, sinkFreeBytes, "", null, null);
    }

    /** The same summary, of a subtree, answering a request (null: none). */
    public ScanCompleted scoped(String subtree, UUID requestId) {
        return new ScanCompleted(schemaVersion, scanId, startedAt, finishedAt, filesSeen, filesQueued, bytesQueued,
                filesUpToDate, filesDeferred, errors, dryRun, trigger, sinkFreeBytes, subtree, requestId, deletions);
    }

    /** The same summary with what the scan found at the sink only (null: deletions are off). */
    public ScanCompleted withDeletions(Deletions found) {
        return new ScanCompleted(schemaVersion, scanId, startedAt, finishedAt, filesSeen, filesQueued, bytesQueued,
                filesUpToDate, filesDeferred, errors, dryRun, trigger, sinkFreeBytes, subtree, requestId, found);
    }

    /** Whether the scan covered the whole base path (not only a subtree). */
    public boolean whole() {
        return subtree.isEmpty();
    }

    /** The same summary with the sink's free space. */
    public ScanCompleted withSinkFreeBytes(Long bytes) {
        return new ScanCompleted(schemaVersion, scanId, startedAt, finishedAt, filesSeen, filesQueued, bytesQueued,
                filesUpToDate, filesDeferred, errors, dryRun, trigger, bytes, subtree, requestId, deletions);
    }

    /** Bytes queued by this scan, all classes. */
    public long totalBytesQueued() {
        return bytesQueued.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalQueued() {
        return filesQueued.values().stream().mapToLong(Long::longValue).sum();
    }
}
