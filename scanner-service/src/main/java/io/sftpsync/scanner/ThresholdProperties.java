package io.sftpsync.scanner;

import io.sftpsync.core.topics.Thresholds;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Size-class boundaries (binary units: 100MB is 100 MiB). The scanner's alone: it routes each file to its class's
 * topic, and the consumers take the class from the topic.
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
