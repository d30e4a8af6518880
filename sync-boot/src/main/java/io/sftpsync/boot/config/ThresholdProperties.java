package io.sftpsync.boot.config;

import io.sftpsync.core.topics.Thresholds;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sync.thresholds.*}: size-class boundaries (binary units: 100MB is 100 MiB). The scanner routes each file to
 * its class's topic with them (the transfer services take the class from the topic); here rather than in the
 * scanner's module because the anomaly service judges EXTREME_SIZE against the same boundaries, so both bind the
 * same keys.
 */
@Validated
@ConfigurationProperties(prefix = "sync.thresholds")
public record ThresholdProperties(
        @NotNull @DefaultValue("100MB") DataSize small,
        @NotNull @DefaultValue("1GB") DataSize large,
        @NotNull @DefaultValue("10GB") DataSize max) {

    public Thresholds toCore() {
        return new Thresholds(small.toBytes(), large.toBytes(), max.toBytes());
    }
}
