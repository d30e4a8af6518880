package io.sftpsync.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.testkit.EmbeddedBroker;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The broker's health: UP naming the cluster when it answers, DOWN with the reason within the time-out when not. */
@EmbeddedBroker
class BrokerHealthIndicatorIT {

    @Test
    void upWhenTheClusterAnswers() {
        String brokers = System.getProperty("spring.kafka.bootstrap-servers");
        try (BrokerHealthIndicator health = new BrokerHealthIndicator(Map.of("bootstrap.servers", brokers),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Clock.systemUTC())) {
            Health h = health.health();
            assertThat(h.getStatus()).isEqualTo(Status.UP);
            assertThat(h.getDetails()).containsEntry("brokers", 1).containsKey("clusterId");
        }
    }

    @Test
    void downWithinTheTimeoutWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (BrokerHealthIndicator health = new BrokerHealthIndicator(Map.of("bootstrap.servers", "127.0.0.1:" + port),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Clock.systemUTC())) {
            long start = System.nanoTime();
            Health h = health.health();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails().get("error")).asString().isNotBlank();
        }
    }
}
