package io.sftpsync.transfer.listener;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.FileEventDecoder;
import io.sftpsync.boot.kafka.GracefulStop;
import io.sftpsync.boot.metrics.TransferMetrics;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.transfer.copy.FileTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Takes small and medium files from Kafka a batch at a time, copies them in parallel and publishes a result
 * for each. The batch's offsets are committed only after every result is on the broker; a record that is
 * not a valid FileDiscovered goes to its topic's dead-letter topic and the batch goes on. A batch cut off by a
 * stop ({@link GracefulStop}) is not committed, and its interrupted copies publish no result.
 */
public final class FileBatchListener implements GracefulStop.Drainable {

    /** The listener container's id (and its consumer group). */
    public static final String ID = "transfer-files";

    private static final Logger log = LoggerFactory.getLogger(FileBatchListener.class);
    private static final Set<SizeClass> SMALL = Set.of(SizeClass.SMALL);
    private static final Set<SizeClass> MEDIUM = Set.of(SizeClass.MEDIUM);

    private final FileTransfer transfer;
    private final ExecutorService workers;
    private final EventPublisher publisher;
    private final FileEventDecoder decoder;
    private final TransferMetrics metrics;
    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean abandoned;

    public FileBatchListener(FileTransfer transfer, ExecutorService workers, EventPublisher publisher,
            DeadLetterPublishingRecoverer deadLetters, TransferMetrics metrics,
            ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        this.transfer = transfer;
        this.workers = workers;
        this.publisher = publisher;
        this.decoder = new FileEventDecoder(deadLetters);
        this.metrics = metrics;
        this.registry = registry;
    }

    @KafkaListener(id = ID, topics = {Topics.FILES_SMALL, Topics.FILES_MEDIUM},
            containerFactory = "transferBatchFactory")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        if (stopping) {
            leaveUncommitted();
        }
        List<CompletableFuture<?>> published = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Set<SizeClass> accepted = record.topic().equals(Topics.FILES_SMALL) ? SMALL : MEDIUM;
            Optional<FileDiscovered> decoded = decoder.decode(record, accepted);
            if (decoded.isEmpty()) {
                continue;
            }
            FileDiscovered event = decoded.get();
            running.incrementAndGet();
            published.add(CompletableFuture.supplyAsync(() -> {
                        try (TransferMetrics.InFlight copying = metrics.started(event)) {
                            return transfer.transfer(event);
                        }
                    }, workers)
                    .whenComplete((r, e) -> running.decrementAndGet())
                    .thenCompose(this::publish));
        }
        try {
            // Throws when a result could not be published: the error handler redelivers the batch, and files
            // already copied come back as SKIPPED.
            CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).join();
        } finally {
            if (abandoned) {
                leaveUncommitted();
            }
        }
    }

    private CompletableFuture<?> publish(TransferResult result) {
        if (abandoned && result.status() == TransferStatus.FAILED) {
            // Interrupted by the stop, not failed: no result, and the batch stays uncommitted.
            return CompletableFuture.completedFuture(null);
        }
        metrics.record(result);
        return publisher.publish(Topics.RESULTS, result.path(), result);
    }

    /**
     * Ends the batch without committing it: waits until the container stops (so its error handler does not
     * retry the batch but leaves it to the next start), then fails.
     */
    private void leaveUncommitted() {
        MessageListenerContainer container = registry.getObject().getListenerContainer(ID);
        while (container != null && container.isRunning()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("stopped: the batch's unfinished records stay uncommitted for the next start");
        throw new IllegalStateException("stopping: the batch is left uncommitted for the next start");
    }

    @Override
    public void stopTaking() {
        stopping = true;
    }

    @Override
    public void abandon() {
        abandoned = true;
    }

    @Override
    public int running() {
        return running.get();
    }
}
