package io.sftpsync.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** Waits on a service's consumers, so a test's assertions see what they have (or have not) done. */
public final class ConsumerWaits {

    private ConsumerWaits() {
    }

    /** Until every listener container has partitions: once before the first test, so no test pays for it. */
    public static void awaitAssigned(KafkaListenerEndpointRegistry listeners, Duration wait)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        for (var container : listeners.getListenerContainers()) {
            while (container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(container.getListenerId() + " got no partitions within " + wait);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Until the group has committed every record of the topic, so what follows saw them all. */
    public static void awaitConsumed(String brokers, String topic, String group, Duration wait) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", brokers))) {
            Instant deadline = Instant.now().plus(wait);
            while (Instant.now().isBefore(deadline)) {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                // Every partition of the topic, not just those the group committed: one it never read has none.
                var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
                var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(
                        p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()))).all().get();
                if (ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue().offset())) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError(group + " did not consume " + topic + " within " + wait);
        }
    }
}
