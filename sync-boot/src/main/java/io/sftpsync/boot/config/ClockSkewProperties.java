package io.sftpsync.boot.config;

import io.sftpsync.core.diff.SyncDecision;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sync.scan.clock-skew}: how much later a source mtime must be than the sink's to count as newer. Named
 * after the scan, but here rather than in the scanner's record because the transfer services re-check the sink
 * with the same {@link SyncDecision} before copying, and must decide as the scanner did.
 */
@Validated
@ConfigurationProperties(prefix = "sync.scan")
public record ClockSkewProperties(@NotNull @DefaultValue("2s") Duration clockSkew) {

    public SyncDecision decision() {
        return new SyncDecision(clockSkew);
    }
}
