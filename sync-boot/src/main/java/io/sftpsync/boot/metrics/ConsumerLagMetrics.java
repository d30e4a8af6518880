package io.sftpsync.boot.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sync.consumer.lag{group,topic}}: records on a topic that a consumer group of this service has not committed
 * yet, summed over the topic's partitions, measured with an admin client every few seconds.
 *
 * <p>Measured from the broker, not taken from the consumers' own {@code records-lag-max}: that one is reported by a
 * consumer only for the partitions it has fetched from, per client and partition, and stops when the consumer is stuck
 * or gone, which is exactly when lag matters. The broker's committed offsets answer per group and topic whatever the
 * consumers do. A partition the group never committed counts from the log's start (the groups read from earliest).
 */
public final class ConsumerLagMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMetrics.class);

    private final Admin admin;
    private final MeterRegistry registry;
    private final Supplier<Map<String, Set<String>>> groups;
    private final Duration timeout;
    private final Map<List<String>, AtomicLong> lags = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile String lastFailure;
    private volatile boolean measured;

    /**
     * @param adminProperties the client settings ({@code spring.kafka.*} as an admin client sees them)
     * @param groups          this service's consumer groups, each with its topics, read at each measurement (the
     *                        listener containers exist only once the context has started)
     * @param interval        how often to measure
     */
    public ConsumerLagMetrics(Map<String, Object> adminProperties, MeterRegistry registry,
            Supplier<Map<String, Set<String>>> groups, Duration interval) {
        Map<String, Object> props = new HashMap<>(adminProperties);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "sftp-sync-lag");
        this.admin = Admin.create(props);
        this.registry = registry;
        this.groups = groups;
        this.timeout = interval.compareTo(Duration.ofSeconds(30)) < 0 ? interval : Duration.ofSeconds(30);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("consumer-lag")
                .daemon(true).factory());
        timer.scheduleWithFixedDelay(this::measureQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Measures every group's lag now and updates the gauges. */
    public void measure() throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Set<String>> wanted = groups.get();
        Set<String> topics = new TreeSet<>();
        wanted.values().forEach(topics::addAll);
        if (topics.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p -> {
            latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
        }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (Map.Entry<String, Set<String>> group : wanted.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Long> perTopic = new TreeMap<>();
            ends.forEach((tp, end) -> {
                if (group.getValue().contains(tp.topic())) {
                    OffsetAndMetadata at = committed.get(tp);
                    long from = at != null ? at.offset() : starts.get(tp).offset();
                    perTopic.merge(tp.topic(), Math.max(0, end.offset() - from), Long::sum);
                }
            });
            perTopic.forEach((topic, lag) -> gauge(group.getKey(), topic).set(lag));
        }
    }

    private AtomicLong gauge(String group, String topic) {
        return lags.computeIfAbsent(List.of(group, topic), k -> {
            AtomicLong lag = new AtomicLong();
            Gauge.builder("sync.consumer.lag", lag, AtomicLong::get).baseUnit("records")
                    .tag("group", group).tag("topic", topic)
                    .description("records of the topic the group has not committed yet").register(registry);
            return lag;
        });
    }

    private void measureQuietly() {
        try {
            measure();
            measured = true;
            lastFailure = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String failure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            // Before the first measurement, topics may still be being created: not worth a warning. After it, said
            // once per kind of failure (the broker's health says the rest); the gauges keep their last value.
            if (!measured) {
                log.debug("consumer lag not measured yet: {}", failure);
            } else if (!failure.equals(lastFailure)) {
                log.warn("consumer lag not measured: {}", failure);
            }
            lastFailure = failure;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
