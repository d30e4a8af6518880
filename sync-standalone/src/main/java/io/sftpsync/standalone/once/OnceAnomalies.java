package io.sftpsync.standalone.once;

import io.sftpsync.anomaly.store.AnomalyQueries;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The anomaly service's part in a once run: it reads the run's events in a group of its own, beside the
 * transfers, so the run waits for that group to have read every record of its topics before it lists what was
 * found. Otherwise the process would end before the service had judged the last files (they would be judged at the
 * next start, but the summary could not say so).
 */
public final class OnceAnomalies {

    /** Anomalies listed by name in the summary; the rest are counted. */
    static final int LISTED = 5;

    /**
     * @param total    anomalies detected since the scan started
     * @param listed   the newest of them, at most {@link #LISTED}
     * @param caughtUp false when the service had not read everything by the deadline
     */
    public record Found(long total, List<AnomalyQueries.AnomalyRow> listed, boolean caughtUp) {
        static final Found NONE = new Found(0, List.of(), true);
    }

    private final Map<String, Object> admin;
    private final String group;
    private final Supplier<Collection<String>> topics;
    private final AnomalyQueries queries;

    /**
     * @param admin   Kafka admin client properties
     * @param group   the anomaly service's consumer group
     * @param topics  the topics it reads (asked when the run waits: its listener exists by then)
     * @param queries its store
     */
    public OnceAnomalies(Map<String, Object> admin, String group, Supplier<Collection<String>> topics,
            AnomalyQueries queries) {
        this.admin = admin;
        this.group = group;
        this.topics = topics;
        this.queries = queries;
    }

    /** Waits (until the deadline at most) for the group to catch up, then lists what it found since {@code since}. */
    public Found await(Instant since, Instant deadline) throws InterruptedException {
        boolean caughtUp = false;
        try (Admin client = Admin.create(admin)) {
            while (!(caughtUp = caughtUp(client)) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        } catch (ExecutionException e) {
            caughtUp = false;
        }
        AnomalyQueries.Found found = queries.list(new AnomalyQueries.Filter(null, null, null, since, null), 0, LISTED);
        return new Found(found.total(), found.rows(), caughtUp);
    }

    private boolean caughtUp(Admin client) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Set<TopicPartition> partitions = client.describeTopics(topics.get()).allTopicNames().get().values().stream()
                .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                .collect(Collectors.toSet());
        var ends = client.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get();
        return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset());
    }
}
