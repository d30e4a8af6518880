package io.sftpsync.scanner.leader;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Which of the scanners sharing a broker scans: the one the group {@value #GROUP} assigns the single partition of
 * {@value #TOPIC} to. No database and no lock service: the broker's group coordinator is the lock, and a member
 * that dies (kill -9) loses it after the session timeout, so another scanner leads within seconds; one that stops
 * cleanly leaves the group at once. Nothing is ever written to the topic.
 *
 * <p>What leading means is the {@link Role}'s: it is told on its own thread, in order, when this scanner is elected
 * and when it is deposed, so a slow takeover (reading the in-flight journal back) never holds up the group's
 * heartbeats.
 */
public final class Leadership implements SmartLifecycle, AutoCloseable {

    public static final String GROUP = "scanner-leader";
    public static final String TOPIC = "sftp.scanner.leader";
    /** How soon a dead leader's partition goes to another scanner: the group's session timeout. */
    static final Duration SESSION = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    private static final TopicPartition LEAD = new TopicPartition(TOPIC, 0);

    /** What a scanner does when it comes to lead and when it stops leading. */
    public interface Role {
        void elected();

        void deposed();
    }

    private final Map<String, Object> consumerProps;
    private final Role role;
    private final ExecutorService roleThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scanner-leadership-role");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean leading;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread poller;

    /**
     * @param consumerProps connection settings of a consumer (its group id is replaced)
     * @param role          what leading means
     */
    public Leadership(Map<String, Object> consumerProps, Role role) {
        this.consumerProps = new java.util.HashMap<>(consumerProps);
        this.consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        this.consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerProps.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION.toMillis());
        this.consumerProps.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) SESSION.toMillis() / 3);
        // Cooperative: a scanner joining or leaving does not take the partition from the leader for a rebalance
        // (an eager one would depose and re-elect it, restarting its listeners for nothing).
        this.consumerProps.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        this.role = role;
    }

    /** Whether this scanner leads now. */
    public boolean leading() {
        return leading;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        poller = new Thread(this::poll, "scanner-leadership");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        KafkaConsumer<String, byte[]> c = consumer;
        try {
            c.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (partitions.contains(LEAD)) {
                        change(true);
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (partitions.contains(LEAD)) {
                        change(false);
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    onPartitionsRevoked(partitions);
                }
            });
            while (running) {
                c.poll(Duration.ofSeconds(1));
            }
        } catch (WakeupException e) {
            // stop() wakes the poll up
        } catch (RuntimeException e) {
            log.error("scanner leadership: the group consumer failed; this scanner stops leading", e);
        } finally {
            change(false);
            // Closing leaves the group: another scanner gets the partition now, not after the session timeout.
            c.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void change(boolean lead) {
        if (lead == leading) {
            return;
        }
        leading = lead;
        log.info(lead ? "this scanner leads: it scans and serves scan requests"
                : "this scanner no longer leads: it stands by");
        roleThread.execute(() -> {
            try {
                if (lead) {
                    role.elected();
                } else {
                    role.deposed();
                }
            } catch (RuntimeException e) {
                log.error("scanner leadership: {} failed", lead ? "taking over" : "standing down", e);
            }
        });
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = poller;
        }
        consumer.wakeup();
        try {
            t.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started after the listeners' containers and stopped before them: the role starts and stops some. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }

    /** Stops, lets the role finish standing down, and ends its thread: for good, unlike {@link #stop()}. */
    @Override
    public void close() {
        stop();
        roleThread.shutdown();
        try {
            roleThread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
