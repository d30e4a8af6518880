package io.sftpsync.scanner;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the scanner lists and when. {@code sync.scan.clock-skew} is sync-boot's
 * {@link io.sftpsync.boot.config.ClockSkewProperties}: the transfer services decide with it too.
 *
 * @param cron           Spring cron expression of scheduled scans; "-" disables the schedule
 * @param interval       when set, re-scan this long after each scan ends (continuous mode); overrides cron
 * @param minAge         files modified less than this long ago are left for a later scan (still being written)
 * @param requireStable  queue a file only once two consecutive scans saw the same size and mtime
 * @param inFlightTimeout how long a queued file without a result keeps later scans from queueing it again
 * @param inFlightRestore read back at start-up the files earlier runs queued and got no result for (from
 *                       {@code sftp.scan.inflight}); unset means yes, except in the standalone's once mode
 * @param staleTemporaryAge a copy's temporary at the sink that nothing wrote for this long was left by a copy
 *                       cut off, and the scan removes it; zero keeps them
 * @param listingMemoryEntries entries of one directory a listing holds in memory (per side); a wider directory is
 *                       sorted in runs on disk under {@code listingSpillDir}
 * @param listingSpillDir where those runs go; {@code java.io.tmpdir} when unset (the standalone process sets
 *                       {@code <sync.data-dir>/listings})
 * @param riskGate       publish every discovery that is not oversized to {@code sftp.files.screening}, for the
 *                       anomaly service's risk gate to forward or hold, instead of to its class topic; set it with
 *                       {@code sync.anomaly.risk-gate.enabled} (the standalone process maps one to the other)
 */
@Validated
@ConfigurationProperties(prefix = "sync.scan")
public record ScanProperties(
        @NotBlank @DefaultValue("0 0 0 * * *") String cron,
        Duration interval,
        @NotNull @DefaultValue("30s") Duration minAge,
        @DefaultValue("false") boolean requireStable,
        @DefaultValue("false") boolean followSymlinks,
        @NotNull @DefaultValue("6h") Duration inFlightTimeout,
        Boolean inFlightRestore,
        @NotNull @DefaultValue("24h") Duration staleTemporaryAge,
        List<String> include,
        List<String> exclude,
        @DefaultValue("false") boolean dryRun,
        @Min(1) @DefaultValue("50000") int listingMemoryEntries,
        Path listingSpillDir,
        @DefaultValue("false") boolean riskGate) {

    public ScanProperties {
        if (staleTemporaryAge != null && staleTemporaryAge.isNegative()) {
            throw new IllegalArgumentException("sync.scan.stale-temporary-age must not be negative, was "
                    + staleTemporaryAge);
        }
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    /** How much of a directory listings hold in memory, and where the rest spills. */
    public io.sftpsync.core.listing.ListingMemory listingMemory() {
        return new io.sftpsync.core.listing.ListingMemory(listingMemoryEntries, listingSpillDir != null
                ? listingSpillDir : Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Whether to restore the in-flight registry at start-up: as set, else not in the once mode, where an earlier
     * run that died would leave its files deferred until the timeout and the run incomplete.
     *
     * @param mode {@code sync.mode} of the standalone process, "continuous" elsewhere
     */
    public boolean restoresInFlight(String mode) {
        return inFlightRestore != null ? inFlightRestore : !"once".equals(mode);
    }
}
