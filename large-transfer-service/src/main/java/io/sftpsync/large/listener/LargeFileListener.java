package io.sftpsync.large.listener;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.FileEventDecoder;
import io.sftpsync.boot.metrics.TransferMetrics;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.large.transfer.LargeTransfer;
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
import org.springframework.kafka.support.Acknowledgment;

/**
 * Takes large files from Kafka one record at a time and copies them on worker threads, so a transfer of hours
 * never holds up the consumer's polling: when every worker is busy the consumer is paused (it keeps polling,
 * and so keeps its partitions) and resumed when one frees up. A record's offset is acknowledged once its
 * result is on the broker; acknowledgements may come out of order and are committed in order.
 */
public final class LargeFileListener {

    /** The listener container's id. */
    public static final String ID = "large-files";
    /** Large files, and oversized ones (approved, or refused with a result). */
    private static final Set<SizeClass> ACCEPTED = Set.of(SizeClass.LARGE, SizeClass.OVERSIZED);

    private static final Logger log = LoggerFactory.getLogger(LargeFileListener.class);

    private final LargeTransfer transfer;
    private final ExecutorService workers;
    private final int concurrency;
    private final EventPublisher publisher;
    private final FileEventDecoder decoder;
    private final TransferMetrics metrics;
    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
    private final AtomicInteger running = new AtomicInteger();

    public LargeFileListener(LargeTransfer transfer, ExecutorService workers, int concurrency,
            EventPublisher publisher, DeadLetterPublishingRecoverer deadLetters, TransferMetrics metrics,
            ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        this.transfer = transfer;
        this.workers = workers;
        this.concurrency = concurrency;
        this.publisher = publisher;
        this.decoder = new FileEventDecoder(deadLetters);
        this.metrics = metrics;
        this.registry = registry;
    }

    @KafkaListener(id = ID, topics = Topics.FILES_LARGE, containerFactory = "largeFileFactory")
    void on(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        Optional<FileDiscovered> decoded = decoder.decode(record, ACCEPTED);
        if (decoded.isEmpty()) {
            ack.acknowledge();
            return;
        }
        FileDiscovered event = decoded.get();
        // Paused before the work is handed over, so the completion that resumes always comes after.
        if (running.incrementAndGet() >= concurrency) {
            container().pause();
        }
        CompletableFuture.supplyAsync(() -> transfer.transfer(event), workers)
                .thenCompose(result -> {
                    metrics.record(result);
                    return publisher.publish(Topics.RESULTS, result.path(), result);
                })
                .whenComplete((sent, failure) -> {
                    if (failure == null) {
                        ack.acknowledge();
                    } else {
                        // Not acknowledged: the record comes again after a restart or rebalance, and finds the
                        // sink up to date or resumes from the checkpoints.
                        log.error("{}: the result could not be published, the record stays unacknowledged: {}",
                                RelativePath.printable(event.path()), failure.toString());
                    }
                    if (running.decrementAndGet() < concurrency) {
                        container().resume();
                    }
                });
    }

    private MessageListenerContainer container() {
        return registry.getObject().getListenerContainer(ID);
    }
}
