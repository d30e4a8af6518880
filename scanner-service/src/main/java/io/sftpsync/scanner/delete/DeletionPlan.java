package io.sftpsync.scanner.delete;

import io.sftpsync.boot.config.DeletionProperties;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.listing.RemoteFile;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What one scan found at the sink only, and whether it may go: the files to remove once the scan's copies have
 * succeeded, or why none is removed.
 *
 * @param scanId     the scan
 * @param finishedAt when its walk ended: copies queued until then must succeed first
 * @param files      the files to remove (the first {@code sync.delete.max} candidates)
 * @param candidates how many sink files the source lacks
 * @param sinkFiles  how many sink files the scan listed
 * @param withheld   why nothing is removed (a guard, scan errors, a dry run), or null when the files may go
 * @param guarded    whether a guard withheld them: {@code sync.delete.max} or {@code sync.delete.max-fraction}
 */
public record DeletionPlan(UUID scanId, Instant finishedAt, List<RemoteFile> files, long candidates, long sinkFiles,
        String withheld, boolean guarded) {

    public DeletionPlan {
        Objects.requireNonNull(scanId, "scanId");
        Objects.requireNonNull(finishedAt, "finishedAt");
        files = List.copyOf(files);
    }

    /**
     * Judges what a scan collected against the guards.
     *
     * @param errors how many errors the scan reported: with any, a missing source file may be one it could not list
     * @param dryRun a dry run removes nothing, but says what a real run would do
     */
    public static DeletionPlan judge(UUID scanId, Instant finishedAt, SinkOnlyFiles found, DeletionProperties settings,
            long errors, boolean dryRun) {
        long n = found.candidates();
        long of = found.sinkFiles();
        String guard = n == 0 ? null
                : n > settings.max() ? String.format(Locale.ROOT, "%d sink files the source lacks: more than"
                        + " sync.delete.max=%d", n, settings.max())
                : n > settings.maxFraction() * of ? String.format(Locale.ROOT, "%d of the %d sink files (%.0f %%) are"
                        + " missing at the source: more than sync.delete.max-fraction=%s", n, of, 100.0 * n / of,
                        settings.maxFraction())
                : null;
        String withheld = guard != null ? guard
                : n > 0 && errors > 0 ? "the scan reported " + errors + " error(s): a file it could not list would"
                        + " look deleted"
                : n > 0 && dryRun ? "dry run"
                : null;
        return new DeletionPlan(scanId, finishedAt, guard != null || errors > 0 ? List.of() : found.kept(), n, of,
                withheld, guard != null);
    }

    /** Whether there are files to remove once the scan's copies have succeeded. */
    public boolean ready() {
        return withheld == null && !files.isEmpty();
    }

    /** What the scan's summary says of it. */
    public ScanCompleted.Deletions summary() {
        return new ScanCompleted.Deletions(candidates, sinkFiles, guarded ? withheld : null);
    }
}
