package io.sftpsync.scanner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.unit.DataSize;
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
 * @param audit          the integrity audit ({@code sync.scan.audit.*}), off by default
 * @param leaderElection several scanners share the broker and only the one the group {@code scanner-leader} elects
 *                       scans, serves scan requests and reads results; the others stand by and take over within
 *                       seconds of its death. On in the scanner service's own application, off in the standalone
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
        @DefaultValue("false") boolean riskGate,
        @Valid @NotNull @DefaultValue Audit audit,
        @DefaultValue("false") boolean leaderElection) {

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

    /** Whether scanners elect a leader: never in the once mode, where one process scans once. */
    public boolean electsLeader(String mode) {
        return leaderElection && !"once".equals(mode);
    }

    /**
     * The integrity audit: hashes both sides of pairs that look identical by size and mtime.
     *
     * @param cron    Spring cron expression of scheduled audits; "-" (the default) disables the schedule, and
     *                audits run only when asked for ({@code POST /api/scans/audit})
     * @param sample  "all", or how many files one audit hashes: those audited longest ago (never audited first)
     * @param maxRate bytes read per second, both sides together
     */
    public record Audit(
            @DefaultValue("-") String cron,
            @DefaultValue("all") String sample,
            @DefaultValue("20MB") DataSize maxRate) {

        public Audit {
            if (cron == null || cron.isBlank() || !("-".equals(cron) || CronExpression.isValidExpression(cron))) {
                throw new IllegalArgumentException("sync.scan.audit.cron must be a Spring cron expression (six "
                        + "fields, e.g. \"0 0 3 * * SUN\") or \"-\" for none, was '" + cron + "'");
            }
            limitOf(sample);
            if (maxRate == null || maxRate.toBytes() <= 0) {
                throw new IllegalArgumentException("sync.scan.audit.max-rate must be a positive size per second, "
                        + "e.g. 20MB, was " + maxRate);
            }
        }

        /** How many files one audit hashes at most; {@link Integer#MAX_VALUE} for "all". */
        public int limit() {
            return limitOf(sample);
        }

        /** Whether every pair is audited, as the walk meets it. */
        public boolean all() {
            return limit() == Integer.MAX_VALUE;
        }

        private static int limitOf(String sample) {
            String s = sample == null ? "" : sample.strip();
            if ("all".equalsIgnoreCase(s)) {
                return Integer.MAX_VALUE;
            }
            try {
                int n = Integer.parseInt(s);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException("sync.scan.audit.sample must be \"all\" or a positive number of "
                    + "files per audit, was '" + sample + "'");
        }
    }
}
