package io.sftpsync.boot.config;

import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.paths.Glob;
import io.sftpsync.core.verify.VerifyMode;
import io.sftpsync.core.verify.VerifyPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code sync.*} setting of every service, in one record so that a misspelt or unknown property
 * fails start-up instead of being ignored (see {@link UnknownPropertyCheck}).
 */
@Validated
@ConfigurationProperties(prefix = "sync")
public record SyncProperties(
        @NotNull @DefaultValue("continuous") Mode mode,
        @DefaultValue("false") boolean demo,
        @Valid Connection source,
        @Valid Connection sink,
        Path knownHosts,
        @NotNull @DefaultValue("strict") HostKeyPolicy hostKeyPolicy,
        @NotNull @Valid @DefaultValue Thresholds thresholds,
        @NotNull @Valid @DefaultValue Scan scan,
        @NotNull @Valid @DefaultValue Transfer transfer,
        @NotNull @Valid @DefaultValue Large large,
        @NotNull @Valid @DefaultValue Verify verify,
        @NotNull @Valid @DefaultValue Sftp sftp,
        @NotNull @Valid @DefaultValue Topics topics,
        @NotNull @DefaultValue("./data") Path dataDir,
        @NotNull @Valid @DefaultValue Standalone standalone) {

    public SyncProperties {
        if (knownHosts == null) {
            knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        }
    }

    /** {@code once}: scan, transfer, wait, print a summary, exit. {@code continuous}: run until stopped. */
    public enum Mode { ONCE, CONTINUOUS }

    /** One SFTP server; {@link #toString()} hides the secrets. */
    public record Connection(
            String host,
            @Min(1) @Max(65535) @DefaultValue("22") int port,
            String username,
            String password,
            Path privateKey,
            String privateKeyPassphrase,
            @DefaultValue(".") String basePath) {

        @Override
        public String toString() {
            return "Connection[" + username + "@" + host + ":" + port + " " + basePath
                    + (password != null ? " password=****" : "") + (privateKey != null ? " key=" + privateKey : "")
                    + "]";
        }
    }

    /** Size-class boundaries (binary units: 100MB is 100 MiB). */
    public record Thresholds(
            @NotNull @DefaultValue("100MB") DataSize small,
            @NotNull @DefaultValue("1GB") DataSize large,
            @NotNull @DefaultValue("10GB") DataSize max) {

        public io.sftpsync.core.topics.Thresholds toCore() {
            return new io.sftpsync.core.topics.Thresholds(small.toBytes(), large.toBytes(), max.toBytes());
        }
    }

    /**
     * What the scanner lists and when.
     *
     * @param cron           Spring cron expression of scheduled scans; "-" disables the schedule
     * @param interval       when set, re-scan this long after each scan ends (continuous mode); overrides cron
     * @param minAge         files modified less than this long ago are left for a later scan (still being written)
     * @param requireStable  queue a file only once two consecutive scans saw the same size and mtime
     * @param clockSkew      tolerance when comparing source and sink mtimes
     * @param inFlightTimeout how long a queued file without a result keeps later scans from queueing it again
     * @param staleTemporaryAge a copy's temporary at the sink that nothing wrote for this long was left by a copy
     *                       cut off, and the scan removes it; zero keeps them
     */
    public record Scan(
            @NotBlank @DefaultValue("0 0 0 * * *") String cron,
            Duration interval,
            @NotNull @DefaultValue("30s") Duration minAge,
            @DefaultValue("false") boolean requireStable,
            @NotNull @DefaultValue("2s") Duration clockSkew,
            @DefaultValue("false") boolean followSymlinks,
            @NotNull @DefaultValue("6h") Duration inFlightTimeout,
            @NotNull @DefaultValue("24h") Duration staleTemporaryAge,
            List<String> include,
            List<String> exclude,
            @DefaultValue("false") boolean dryRun) {

        public Scan {
            if (staleTemporaryAge != null && staleTemporaryAge.isNegative()) {
                throw new IllegalArgumentException("sync.scan.stale-temporary-age must not be negative, was "
                        + staleTemporaryAge);
            }
            include = include == null ? List.of() : List.copyOf(include);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
        }
    }

    /**
     * The small and medium transfer service.
     *
     * @param batchSize   records taken from Kafka per batch
     * @param concurrency files copied at once
     * @param compression SSH compression per size class
     * @param maxAttempts attempts per file for transient errors
     * @param backoff     wait before the second attempt; doubled for each further one
     */
    public record Transfer(
            @Min(1) @Max(10_000) @DefaultValue("50") int batchSize,
            @Min(1) @Max(256) @DefaultValue("4") int concurrency,
            @NotNull @DefaultValue Compression compression,
            @Min(1) @Max(100) @DefaultValue("3") int maxAttempts,
            @NotNull @DefaultValue("1s") Duration backoff) {
    }

    /**
     * The large-file transfer service.
     *
     * @param concurrency  files copied at once
     * @param chunkSize    bytes per chunk: the unit of parallel copy, checkpoint and verification
     * @param streams      chunks of one file copied at once, each over its own source and sink channel
     * @param timeout      longest a transfer may run before it is stopped and reported FAILED (its checkpoints
     *                     stay, so the next attempt resumes)
     * @param maxAttempts  attempts per file for transient errors; each resumes from the checkpoints
     * @param backoff      wait before the second attempt; doubled for each further one
     * @param abandonAfter a transfer with no progress for this long is abandoned: the janitor removes its
     *                     temporary file and checkpoints
     * @param janitorInterval how often the janitor looks
     */
    public record Large(
            @Min(1) @Max(64) @DefaultValue("2") int concurrency,
            @NotNull @DefaultValue("64MB") DataSize chunkSize,
            @Min(1) @Max(32) @DefaultValue("4") int streams,
            @NotNull @DefaultValue("4h") Duration timeout,
            @Min(1) @Max(100) @DefaultValue("5") int maxAttempts,
            @NotNull @DefaultValue("5s") Duration backoff,
            @NotNull @DefaultValue("72h") Duration abandonAfter,
            @NotNull @DefaultValue("1h") Duration janitorInterval) {

        public Large {
            if (chunkSize != null && chunkSize.toBytes() < 1024 * 1024) {
                throw new IllegalArgumentException("sync.large.chunk-size must be at least 1MB, was " + chunkSize);
            }
        }
    }

    /**
     * SSH (zlib) compression per class, off by default: it pays only on slow links with compressible data,
     * and on incompressible data it cut medium-file throughput 14-fold (docs/benchmarks.md).
     */
    public record Compression(@DefaultValue("false") boolean small, @DefaultValue("false") boolean medium) {
        public boolean enabledFor(SizeClass sizeClass) {
            return switch (sizeClass) {
                case SMALL -> small;
                case MEDIUM -> medium;
                default -> false;
            };
        }
    }

    /**
     * Verification after a copy: {@code size}, {@code checksum} (re-read the sink) or {@code none}. The first
     * matching path rule wins, then the class, then the default.
     */
    public record Verify(
            @NotNull @DefaultValue("size") VerifyMode mode,
            Map<SizeClass, VerifyMode> classes,
            List<@Valid PathRule> paths) {

        public Verify {
            classes = classes == null ? Map.of() : Map.copyOf(classes);
            paths = paths == null ? List.of() : List.copyOf(paths);
        }

        /** The rules compiled. */
        public VerifyPolicy policy() {
            return new VerifyPolicy(mode, classes,
                    paths.stream().map(r -> new VerifyPolicy.Rule(Glob.of(r.glob()), r.mode())).toList());
        }
    }

    /** A verification mode for the paths matching a glob. */
    public record PathRule(@NotBlank String glob, @NotNull VerifyMode mode) {
    }

    /** SSH connection pool and throughput settings, per server. */
    public record Sftp(
            @Min(1) @Max(64) @DefaultValue("4") int sessions,
            @Min(1) @Max(64) @DefaultValue("4") int channelsPerSession,
            @NotNull @DefaultValue("255KB") DataSize bufferSize,
            @NotNull @DefaultValue("2MB") DataSize windowSize,
            @NotNull @DefaultValue("15s") Duration connectTimeout,
            @NotNull @DefaultValue("30s") Duration keepAlive) {
    }

    /**
     * The all-in-one process.
     *
     * @param kafkaPort   client port of the embedded broker; 0 picks a free one
     * @param onceTimeout how long the once mode waits for results before giving up
     */
    public record Standalone(@Min(0) @Max(65535) @DefaultValue("0") int kafkaPort,
            @NotNull @DefaultValue("24h") Duration onceTimeout) {
    }

    /** Partitions of the topics this application creates when they do not exist. */
    public record Topics(@Min(1) @DefaultValue("6") int partitions, @Min(1) @DefaultValue("1") short replicas) {
    }
}
