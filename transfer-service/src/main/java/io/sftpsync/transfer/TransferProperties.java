package io.sftpsync.transfer;

import io.sftpsync.core.copy.WriteOptions;
import io.sftpsync.core.events.SizeClass;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The small and medium transfer service.
 *
 * @param batchSize   records taken from Kafka per batch
 * @param concurrency files copied at once
 * @param compression SSH compression per size class
 * @param maxAttempts attempts per file for transient errors
 * @param backoff     wait before the second attempt; doubled for each further one
 * @param fsync       fsync per size class: the copy's temporary is made durable at the sink before it is renamed
 *                    and reported SUCCEEDED
 * @param shutdownGrace how long a stopping service lets running copies finish; a batch with copies still
 *                    running then is interrupted and left uncommitted, so the next start copies it again
 */
@Validated
@ConfigurationProperties(prefix = "sync.transfer")
public record TransferProperties(
        @Min(1) @Max(10_000) @DefaultValue("50") int batchSize,
        @Min(1) @Max(256) @DefaultValue("4") int concurrency,
        @NotNull @DefaultValue Compression compression,
        @Min(1) @Max(100) @DefaultValue("3") int maxAttempts,
        @NotNull @DefaultValue("1s") Duration backoff,
        @NotNull @DefaultValue Fsync fsync,
        @NotNull @DefaultValue("30s") Duration shutdownGrace) {

    /** The copy's write options for a class: its fsync setting, and the shared permission setting. */
    public WriteOptions writeOptions(SizeClass sizeClass, boolean preservePermissions) {
        return new WriteOptions(fsync.enabledFor(sizeClass), preservePermissions);
    }

    /**
     * fsync@openssh.com of each copied file before its rename, per class (where the sink offers it). Without it a
     * SUCCEEDED result may be committed while the bytes are still in the sink's page cache, and a crash of the
     * sink machine loses them. Off for small files by default: it made copying 5,000 small files 41-45 % slower
     * (docs/benchmarks.md), and a small file lost that way is found missing or short by the next scan.
     */
    public record Fsync(@DefaultValue("false") boolean small, @DefaultValue("true") boolean medium) {
        public boolean enabledFor(SizeClass sizeClass) {
            return switch (sizeClass) {
                case SMALL -> small;
                case MEDIUM -> medium;
                default -> true;
            };
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
}
