package io.sftpsync.transfer.listener;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.metrics.TransferMetrics;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.transfer.copy.FileTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Takes small and medium files from Kafka a batch at a time, copies them in parallel and publishes a result
 * for each. The batch's offsets are committed only after every result is on the broker; a record that is
 * not a valid FileDiscovered goes to its topic's dead-letter topic and the batch goes on.
 */
public final class FileBatchListener {

    private static final Logger log = LoggerFactory.getLogger(FileBatchListener.class);

    private final FileTransfer transfer;
    private final ExecutorService workers;
    private final EventPublisher publisher;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final TransferMetrics metrics;

    public FileBatchListener(FileTransfer transfer, ExecutorService workers, EventPublisher publisher,
            DeadLetterPublishingRecoverer deadLetters, TransferMetrics metrics) {
        this.transfer = transfer;
        this.workers = workers;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @KafkaListener(id = "transfer-files", topics = {Topics.FILES_SMALL, Topics.FILES_MEDIUM},
            containerFactory = "transferBatchFactory")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<CompletableFuture<?>> published = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            FileDiscovered event;
            try {
                event = parse(record);
            } catch (MalformedEventException e) {
                log.warn("{}@{}/{}: {} -> dead-letter topic", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
                deadLetters.accept(record, e);
                continue;
            }
            published.add(CompletableFuture.supplyAsync(() -> transfer.transfer(event), workers)
                    .thenCompose(result -> {
                        metrics.record(result);
                        return publisher.publish(Topics.RESULTS, result.path(), result);
                    }));
        }
        // Throws when a result could not be published: the error handler redelivers the batch, and files
        // already copied come back as SKIPPED.
        CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).join();
    }

    /** Decodes and checks that the event belongs on the topic it came from. */
    private static FileDiscovered parse(ConsumerRecord<String, byte[]> record) {
        FileDiscovered event = EventCodec.decode(record.value(), FileDiscovered.class);
        SizeClass expected = record.topic().equals(Topics.FILES_SMALL) ? SizeClass.SMALL : SizeClass.MEDIUM;
        if (event.sizeClass() != expected) {
            throw new MalformedEventException("a " + event.sizeClass() + " file on " + record.topic(), null);
        }
        return event;
    }
}
