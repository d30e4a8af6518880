package io.sftpsync.scanner.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.testkit.EmbeddedBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Two scanners' leaderships on a real broker: exactly one leads; when it stops, the other is elected within
 * seconds, and each role hears of its election and deposal in order.
 */
@EmbeddedBroker(partitions = 1)
class LeadershipIT {

    @Test
    void oneOfTwoScannersLeadsAndTheOtherTakesOverWhenItStops(EmbeddedKafkaBroker broker) throws Exception {
        broker.addTopics(new NewTopic(Leadership.TOPIC, 1, (short) 1));
        Map<String, Object> props = Map.of("bootstrap.servers", broker.getBrokersAsString());
        RecordingRole roleA = new RecordingRole();
        RecordingRole roleB = new RecordingRole();
        try (Leadership a = new Leadership(props, roleA); Leadership b = new Leadership(props, roleB)) {
            a.start();
            b.start();
            await(() -> a.leading() || b.leading(), Duration.ofSeconds(30), "a leader");
            // Both have joined (the group has rebalanced for the second): the leader kept the partition.
            Thread.sleep(6_000);
            assertThat(a.leading() ^ b.leading()).as("exactly one leads").isTrue();
            Leadership leader = a.leading() ? a : b;
            Leadership other = leader == a ? b : a;
            RecordingRole leaderRole = leader == a ? roleA : roleB;
            RecordingRole otherRole = leader == a ? roleB : roleA;
            await(() -> leaderRole.events.contains("elected"), Duration.ofSeconds(5), "the leader's role elected");
            assertThat(leaderRole.events).as("never deposed by the other's joining").containsExactly("elected");
            assertThat(otherRole.events).isEmpty();

            Instant stopped = Instant.now();
            leader.stop();
            await(other::leading, Duration.ofSeconds(20), "the other elected");
            assertThat(Duration.between(stopped, Instant.now())).isLessThan(Duration.ofSeconds(15));
            assertThat(leader.leading()).isFalse();
            await(() -> otherRole.events.contains("elected"), Duration.ofSeconds(5), "the other's role elected");
            assertThat(leaderRole.events).endsWith("deposed");
        }
        assertThat(roleA.events).last().isEqualTo("deposed");
        assertThat(roleB.events).last().isEqualTo("deposed");
    }

    private static void await(BooleanSupplier condition, Duration wait, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within " + wait);
            }
            Thread.sleep(50);
        }
    }

    private static final class RecordingRole implements Leadership.Role {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void elected() {
            events.add("elected");
        }

        @Override
        public void deposed() {
            events.add("deposed");
        }
    }
}
