package io.sftpsync.boot.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Partitions of the topics this application creates when they do not exist, how often the consumer lag of this
 * service's groups is measured for {@code sync_consumer_lag_records}, and how {@code /actuator/health} checks the
 * broker.
 *
 * @param healthTimeout how long the broker's health check waits for the cluster to answer
 * @param healthCache   how long its answer is reused
 */
@Validated
@ConfigurationProperties(prefix = "sync.topics")
public record TopicProperties(@Min(1) @DefaultValue("6") int partitions, @Min(1) @DefaultValue("1") short replicas,
        @NotNull @DefaultValue("15s") Duration lagInterval, @NotNull @DefaultValue("5s") Duration healthTimeout,
        @NotNull @DefaultValue("10s") Duration healthCache) {

    public TopicProperties {
        if (lagInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sync.topics.lag-interval must be at least 1s, was " + lagInterval);
        }
    }
}
