package io.sftpsync.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sftpsync.testkit.EmbeddedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Lag per group and topic as the broker's offsets say, summed over partitions, on a real broker. */
@EmbeddedBroker
class ConsumerLagMetricsIT {

    @Test
    void lagIsWhatEachGroupHasNotCommittedOfEachTopic() throws Exception {
        String brokers = System.getProperty("spring.kafka.bootstrap-servers");
        Map<String, Object> props = Map.of("bootstrap.servers", brokers);
        try (Admin admin = Admin.create(props);
                KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                        new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic("lag.a", 2, (short) 1), new NewTopic("lag.b", 1, (short) 1)))
                    .all().get();
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>("lag.a", i % 2, "k", "v" + i)).get();
            }
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>("lag.b", 0, "k", "v" + i)).get();
            }
            // "reader" has read 2 of partition 0's 3 records and all of partition 1's: 1 behind on lag.a; it never
            // committed on lag.b, so all 4 count.
            admin.alterConsumerGroupOffsets("reader", Map.of(new TopicPartition("lag.a", 0), new OffsetAndMetadata(2),
                    new TopicPartition("lag.a", 1), new OffsetAndMetadata(3))).all().get();

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (ConsumerLagMetrics lag = new ConsumerLagMetrics(props, meters,
                    () -> Map.of("reader", Set.of("lag.a", "lag.b"), "idle", Set.of("lag.a")), Duration.ofHours(1))) {
                lag.measure();
                assertThat(gauge(meters, "reader", "lag.a")).isEqualTo(1);
                assertThat(gauge(meters, "reader", "lag.b")).isEqualTo(4);
                assertThat(gauge(meters, "idle", "lag.a")).isEqualTo(6);

                admin.alterConsumerGroupOffsets("reader", Map.of(new TopicPartition("lag.a", 0),
                        new OffsetAndMetadata(3))).all().get();
                producer.send(new ProducerRecord<>("lag.b", 0, "k", "more")).get();
                lag.measure();
                assertThat(gauge(meters, "reader", "lag.a")).isZero();
                assertThat(gauge(meters, "reader", "lag.b")).isEqualTo(5);
            }
        }
    }

    private static double gauge(SimpleMeterRegistry meters, String group, String topic) {
        return meters.get("sync.consumer.lag").tag("group", group).tag("topic", topic).gauge().value();
    }
}
