package io.sftpsync.boot.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The Kafka broker in {@code /actuator/health}: the cluster's brokers as one admin request sees them, within a
 * time-out, the answer kept for a few seconds. A service that cannot reach the broker neither gets files nor reports
 * results, so it is not ready.
 */
public final class BrokerHealthIndicator implements HealthIndicator, AutoCloseable {

    private final Admin admin;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private Health last;
    private Instant lastAt;

    /**
     * @param adminProperties the client settings ({@code spring.kafka.*} as an admin client sees them)
     * @param timeout         how long a check waits for the broker
     * @param cacheFor        how long an answer is reused
     */
    public BrokerHealthIndicator(Map<String, Object> adminProperties, Duration timeout, Duration cacheFor,
            Clock clock) {
        Map<String, Object> props = new java.util.HashMap<>(adminProperties);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "sftp-sync-health");
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        this.admin = Admin.create(props);
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        if (last != null && clock.instant().isBefore(lastAt.plus(cacheFor))) {
            return last;
        }
        last = probe();
        lastAt = clock.instant();
        return last;
    }

    private Health probe() {
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions()
                    .timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return (nodes.isEmpty() ? Health.down().withDetail("error", "no broker in the cluster") : Health.up())
                    .withDetail("clusterId", String.valueOf(clusterId)).withDetail("brokers", nodes.size()).build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Health.down().withDetail("error", cause.getClass().getSimpleName() + ": " + cause.getMessage())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
