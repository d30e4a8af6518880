package io.sftpsync.boot.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Re-publishes a range of a topic's records: reads them with a consumer of no group (assign and seek, nothing
 * committed), one poll at a time, up to the end offsets taken when it starts (so replaying a topic into itself
 * ends), and sends key and value bytes unchanged with headers naming the origin and the operator. The records'
 * own headers are not copied: a dead letter's {@code kafka_dlt-*} describe the failure the replay retries.
 */
public class Replayer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Replayer.class);
    /** Sends are awaited every so many records, so that a failing target stops the replay early. */
    private static final int FLUSH_EVERY = 1000;
    private static final Duration POLL = Duration.ofMillis(500);

    private final Supplier<Admin> admins;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final Duration stallTimeout;

    Replayer(Supplier<Admin> admins, Supplier<Consumer<byte[], byte[]>> consumers,
            DefaultKafkaProducerFactory<byte[], byte[]> producers, Duration stallTimeout) {
        this.admins = admins;
        this.consumers = consumers;
        this.producers = producers;
        this.stallTimeout = stallTimeout;
    }

    public ReplayResult replay(ReplayRequest request, String user) {
        ReplayRequest.Plan plan = request.plan();
        int partitions;
        try (Admin admin = admins.get()) {
            partitions = partitionCount(admin, plan.topic(), "topic");
            checkPartitions(plan.from(), "from", plan.topic(), partitions);
            checkPartitions(plan.to(), "to", plan.topic(), partitions);
            checkTarget(admin, plan.target(), partitions, !plan.dryRun());
        }
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            Map<TopicPartition, long[]> ranges = ranges(consumer, plan, partitions);
            ReplayResult result = copy(consumer, plan.dryRun() ? null : producers.createProducer(), plan, ranges,
                    user);
            log.info("replay by {}: {} records of {} (from {} to {}, glob {}) {} {}", user, result.count(),
                    plan.topic(), plan.from(), plan.to(), plan.glob(),
                    plan.dryRun() ? "counted (dry run) for" : "published to", plan.target());
            return result;
        }
    }

    /** Closes the producer, if a replay made it. */
    @Override
    public void destroy() {
        producers.destroy();
    }

    /** Per partition {first offset, end offset (exclusive)}. */
    private static Map<TopicPartition, long[]> ranges(Consumer<byte[], byte[]> consumer, ReplayRequest.Plan plan,
            int partitions) {
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (named(plan.from(), p) && named(plan.to(), p)) {
                all.add(new TopicPartition(plan.topic(), p));
            }
        }
        // Assigned first: the client asks for offsets of partitions it was not given with a WARN each.
        consumer.assign(all);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(all);
        Map<TopicPartition, Long> end = consumer.endOffsets(all);
        Map<TopicPartition, Long> first = offsets(consumer, plan.from(), all, begin, end, 0);
        Map<TopicPartition, Long> afterLast = offsets(consumer, plan.to(), all, end, end, 1);
        Map<TopicPartition, long[]> ranges = new HashMap<>();
        for (TopicPartition tp : all) {
            long from = Math.max(first.get(tp), begin.get(tp));
            long until = Math.min(afterLast.get(tp), end.get(tp));
            if (from < until) {
                ranges.put(tp, new long[] {from, until});
            }
        }
        return ranges;
    }

    private static void checkPartitions(Bound bound, String field, String topic, int partitions) {
        if (bound instanceof Bound.AtOffsets(var offsets)) {
            for (int p : offsets.keySet()) {
                if (p >= partitions) {
                    throw new ReplayRefusedException(field, topic + " has " + partitions + " partitions (0.."
                            + (partitions - 1) + "), not " + p);
                }
            }
        }
    }

    private static boolean named(Bound bound, int partition) {
        return !(bound instanceof Bound.AtOffsets(var offsets)) || offsets.containsKey(partition);
    }

    /**
     * The offset a bound stands for, plus {@code past} (1 for the end: the first offset not to copy). An instant
     * stands for the first record at or after it ({@code to}: after it); none there means the partition's end.
     */
    private static Map<TopicPartition, Long> offsets(Consumer<byte[], byte[]> consumer, Bound bound,
            List<TopicPartition> partitions, Map<TopicPartition, Long> otherwise, Map<TopicPartition, Long> end,
            int past) {
        Map<TopicPartition, Long> out = new HashMap<>();
        switch (bound) {
            case null -> out.putAll(otherwise);
            case Bound.AtOffsets(var offsets) -> partitions.forEach(tp -> out.put(tp, offsets.get(tp.partition()) + past));
            case Bound.AtTime(var instant) -> {
                long ms = instant.toEpochMilli() + past;
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(tp -> query.put(tp, ms));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
                partitions.forEach(tp -> {
                    OffsetAndTimestamp at = found.get(tp);
                    out.put(tp, at == null ? end.get(tp) : at.offset());
                });
            }
        }
        return out;
    }

    /** @param producer the factory's shared producer (its close does nothing); none for a dry run */
    private ReplayResult copy(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
            ReplayRequest.Plan plan,
            Map<TopicPartition, long[]> ranges, String user) {
        List<ReplayResult.Sample> sample = new ArrayList<>();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long count = 0;
        long sent = 0;
        consumer.assign(ranges.keySet());
        ranges.forEach((tp, range) -> consumer.seek(tp, range[0]));
        Set<TopicPartition> open = new HashSet<>(ranges.keySet());
        long lastProgress = System.nanoTime();
        while (!open.isEmpty()) {
            boolean progressed = false;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                progressed = true;
                if (!open.contains(tp) || record.offset() >= ranges.get(tp)[1]) {
                    continue;
                }
                String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                if (!plan.matches(key)) {
                    continue;
                }
                count++;
                if (sample.size() < plan.limit()) {
                    sample.add(new ReplayResult.Sample(record.topic(), record.partition(), record.offset(), key,
                            Instant.ofEpochMilli(record.timestamp())));
                }
                if (!plan.dryRun()) {
                    producer.send(new ProducerRecord<>(plan.target(), null, record.key(), record.value(),
                            headers(record, user)), (metadata, e) -> {
                                if (e == null) {
                                    acknowledged.incrementAndGet();
                                } else {
                                    failure.compareAndSet(null, e);
                                }
                            });
                    if (++sent % FLUSH_EVERY == 0) {
                        awaitSends(producer, failure, acknowledged);
                    }
                }
            }
            // Past the end (also across gaps of compaction or transaction markers): this partition is done.
            for (var it = open.iterator(); it.hasNext(); ) {
                TopicPartition tp = it.next();
                if (consumer.position(tp) >= ranges.get(tp)[1]) {
                    it.remove();
                    consumer.pause(Set.of(tp));
                }
            }
            if (progressed) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                throw new IllegalStateException("the broker returned no record of " + open + " for " + stallTimeout
                        + "; " + count + " records were replayed (" + acknowledged.get() + " published)");
            }
        }
        if (!plan.dryRun()) {
            awaitSends(producer, failure, acknowledged);
        }
        return new ReplayResult(plan.topic(), plan.target(), plan.dryRun(), count, acknowledged.get(), sample);
    }

    private static void awaitSends(Producer<byte[], byte[]> producer, AtomicReference<Exception> failure, AtomicLong acknowledged) {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("publishing failed after " + acknowledged.get() + " records: "
                    + e.getMessage(), e);
        }
    }

    private static RecordHeaders headers(ConsumerRecord<byte[], byte[]> record, String user) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayHeaders.ORIGIN_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(ReplayHeaders.ORIGIN_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(ReplayHeaders.ORIGIN_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(ReplayHeaders.REPLAYED_BY, user.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    static int partitionCount(Admin admin, String topic, String field) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return d.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ReplayRefusedException(field, "'" + topic + "' does not exist on the broker");
            }
            throw new IllegalStateException("cannot describe " + topic + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A scratch target is created on first use (not by a dry run) with the source's partitions, so keys land as
     * they did; any other must exist: a typo never creates a topic.
     */
    private static void checkTarget(Admin admin, String target, int partitions, boolean create) {
        if (ReplayTopics.isScratch(target)) {
            if (!create) {
                return;
            }
            try {
                admin.createTopics(List.of(new NewTopic(target, Optional.of(partitions), Optional.empty())))
                        .all().get();
                log.info("created the scratch topic {} ({} partitions)", target, partitions);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create " + target + ": " + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        } else {
            partitionCount(admin, target, "target");
        }
    }
}
