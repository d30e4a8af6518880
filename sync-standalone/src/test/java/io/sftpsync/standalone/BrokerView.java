package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.TopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the test reads of the broker: a consumer group's members, named by the processes' client ids, with their
 * partitions; the partition each file of a scan went to; a scan's summary.
 */
final class BrokerView implements AutoCloseable {

    private final String brokers;
    private final Admin admin;

    BrokerView(String brokers) {
        this.brokers = brokers;
        this.admin = Admin.create(Map.of("bootstrap.servers", brokers));
    }

    /**
     * The group's members and their partitions, each named by the first of {@code processes} its client id starts
     * with (a process's consumers share one client id prefix, {@code spring.kafka.client-id}).
     */
    Map<String, Set<TopicPartition>> assignment(String group, List<String> processes) {
        try {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members().stream()
                    .collect(Collectors.toMap(m -> processOf(m, processes),
                            m -> Set.copyOf(m.assignment().topicPartitions()), BrokerView::union));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("describing group " + group, e);
        }
    }

    private static String processOf(MemberDescription member, List<String> processes) {
        return processes.stream().filter(member.clientId()::startsWith).findFirst().orElse(member.clientId());
    }

    static Set<TopicPartition> union(Set<TopicPartition> a, Set<TopicPartition> b) {
        Set<TopicPartition> both = new HashSet<>(a);
        both.addAll(b);
        return both;
    }

    /** Path -> partition of each file a scan published to these topics. */
    Map<String, TopicPartition> discovered(UUID scanId, List<String> topics) {
        Map<String, TopicPartition> out = new HashMap<>();
        for (String topic : topics) {
            try (TopicReader reader = TopicReader.fromBeginning(brokers, topic)) {
                reader.drain(Duration.ofSeconds(2)).forEach(r -> {
                    FileDiscovered e = EventCodec.decode(r.value(), FileDiscovered.class);
                    if (e.scanId().equals(scanId)) {
                        out.put(e.path(), new TopicPartition(r.topic(), r.partition()));
                    }
                });
            }
        }
        return out;
    }

    /** The scan's summary on sftp.scans; fails when it does not appear within {@code wait}. */
    ScanCompleted scanCompleted(UUID scanId, Duration wait) {
        try (TopicReader scans = TopicReader.fromBeginning(brokers, Topics.SCANS)) {
            List<ConsumerRecord<String, byte[]>> found = scans.await(1,
                    r -> EventCodec.decode(r.value(), ScanCompleted.class).scanId().equals(scanId), wait);
            assertThat(found).as("ScanCompleted " + scanId + " on " + Topics.SCANS).hasSize(1);
            return EventCodec.decode(found.get(0).value(), ScanCompleted.class);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
