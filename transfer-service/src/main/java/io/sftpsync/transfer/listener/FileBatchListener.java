package io.sftpsync.transfer.listener;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.FileEventDecoder;
import io.sftpsync.boot.metrics.TransferMetrics;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.transfer.copy.FileTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Takes small and medium files from Kafka a batch at a time, copies them in parallel and publishes a result
 * for each. The batch's offsets are committed only after every result is on the broker; a record that is
 * not a valid FileDiscovered goes to its topic's dead-letter topic and the batch goes on.
 */
public final class FileBatchListener {

    private final FileTransfer transfer;
    private final ExecutorService workers;
    private final EventPublisher publisher;
    private static final Set<SizeClass> SMALL = Set.of(SizeClass.SMALL);
    private static final Set<SizeClass> MEDIUM = Set.of(SizeClass.MEDIUM);

    private final FileEventDecoder decoder;
    private final TransferMetrics metrics;

    public FileBatchListener(FileTransfer transfer, ExecutorService workers, EventPublisher publisher,
            DeadLetterPublishingRecoverer deadLetters, TransferMetrics metrics) {
        this.transfer = transfer;
        this.workers = workers;
        this.publisher = publisher;
        this.decoder = new FileEventDecoder(deadLetters);
        this.metrics = metrics;
    }

    @KafkaListener(id = "transfer-files", topics = {Topics.FILES_SMALL, Topics.FILES_MEDIUM},
            containerFactory = "transferBatchFactory")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<CompletableFuture<?>> published = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Set<SizeClass> accepted = record.topic().equals(Topics.FILES_SMALL) ? SMALL : MEDIUM;
            Optional<FileDiscovered> decoded = decoder.decode(record, accepted);
            if (decoded.isEmpty()) {
                continue;
            }
            FileDiscovered event = decoded.get();
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
}
