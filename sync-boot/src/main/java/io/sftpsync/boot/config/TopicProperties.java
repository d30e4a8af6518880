package io.sftpsync.boot.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Partitions of the topics this application creates when they do not exist. */
@Validated
@ConfigurationProperties(prefix = "sync.topics")
public record TopicProperties(@Min(1) @DefaultValue("6") int partitions, @Min(1) @DefaultValue("1") short replicas) {
}
