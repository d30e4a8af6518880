package io.sftpsync.large;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

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
 * @param publishAttempts attempts to publish a transfer's result (with {@code backoff} between them) before its
 *                     record goes to the dead-letter topic, so one unpublishable result never stops a partition
 * @param shutdownGrace how long a stopping service lets running transfers finish; those still running then are
 *                     interrupted and left uncommitted, so the next start resumes them
 */
@Validated
@ConfigurationProperties(prefix = "sync.large")
public record LargeTransferProperties(
        @Min(1) @Max(64) @DefaultValue("2") int concurrency,
        @NotNull @DefaultValue("64MB") DataSize chunkSize,
        @Min(1) @Max(32) @DefaultValue("4") int streams,
        @NotNull @DefaultValue("4h") Duration timeout,
        @Min(1) @Max(100) @DefaultValue("5") int maxAttempts,
        @NotNull @DefaultValue("5s") Duration backoff,
        @NotNull @DefaultValue("72h") Duration abandonAfter,
        @NotNull @DefaultValue("1h") Duration janitorInterval,
        @Min(1) @Max(100) @DefaultValue("5") int publishAttempts,
        @NotNull @DefaultValue("30s") Duration shutdownGrace) {

    public LargeTransferProperties {
        if (chunkSize != null && chunkSize.toBytes() < 1024 * 1024) {
            throw new IllegalArgumentException("sync.large.chunk-size must be at least 1MB, was " + chunkSize);
        }
    }
}
