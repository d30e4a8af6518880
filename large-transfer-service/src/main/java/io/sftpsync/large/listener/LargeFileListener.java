package io.sftpsync.large.listener;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.FileEventDecoder;
import io.sftpsync.boot.kafka.GracefulStop;
import io.sftpsync.boot.metrics.TransferMetrics;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.retry.Backoff;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.large.transfer.LargeTransfer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
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
 * Takes large files from Kafka one record per poll and copies up to {@code concurrency} of them at once on worker
 * threads, so a transfer of hours never holds up the consumer: when every worker is busy the container is paused
 * (it keeps polling, and so keeps its partitions) and resumed when one frees up. A record is committed once its
 * result (or, when that cannot be published, the record itself on the dead-letter topic) is on the broker, and
 * only after every earlier record of its partition ({@link InOrderAcks}).
 */
public final class LargeFileListener implements GracefulStop.Drainable {

    /** The listener container's id. */
    public static final String ID = "large-files";
    /** Large files, and oversized ones (approved, or refused with a result). */
    private static final Set<SizeClass> ACCEPTED = Set.of(SizeClass.LARGE, SizeClass.OVERSIZED);

    private static final Logger log = LoggerFactory.getLogger(LargeFileListener.class);

    private final LargeTransfer transfer;
    private final ExecutorService workers;
    private final int concurrency;
    private final ResultDelivery delivery;
    private final FileEventDecoder decoder;
    private final ApprovalCheck approvals;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final TransferMetrics metrics;
    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
    private final AtomicInteger running = new AtomicInteger();
    private final InOrderAcks acks = new InOrderAcks();
    /** Set when the service stops: records still delivered are not taken, so they stay uncommitted. */
    private volatile boolean stopping;
    /** Set when the shutdown grace period is over: what the interrupted transfers report is not their result. */
    private volatile boolean abandoned;

    /**
     * @param publishAttempts attempts to publish a result before the record goes to the dead-letter topic
     * @param publishBackoff  wait between them
     */
    public LargeFileListener(LargeTransfer transfer, ExecutorService workers, int concurrency,
            EventPublisher publisher, DeadLetterPublishingRecoverer deadLetters, int publishAttempts,
            Backoff publishBackoff, ApprovalCheck approvals, TransferMetrics metrics,
            ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        this.transfer = transfer;
        this.workers = workers;
        this.concurrency = concurrency;
        this.delivery = new ResultDelivery(publisher, deadLetters, publishAttempts, publishBackoff);
        this.decoder = new FileEventDecoder(deadLetters);
        this.approvals = approvals;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.registry = registry;
    }

    @KafkaListener(id = ID, topics = Topics.FILES_LARGE, containerFactory = "largeFileFactory")
    void on(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        if (stopping) {
            return;
        }
        InOrderAcks.Ticket ticket = acks.take(record, ack);
        Optional<FileDiscovered> decoded = decoder.decode(record, ACCEPTED);
        if (decoded.isEmpty()) {
            ticket.done();
            return;
        }
        FileDiscovered event = decoded.get();
        Optional<String> refusal = approvals.refusal(event);
        if (refusal.isPresent()) {
            // Nothing is copied and no result is published: an unproven approval is not a transfer that failed.
            log.warn("{}@{}/{} ({}): {} -> dead-letter topic", record.topic(), record.partition(), record.offset(),
                    RelativePath.printable(event.path()), refusal.get());
            deadLetters.accept(record, new ApprovalCheck.UnprovenApprovalException(refusal.get()));
            ticket.done();
            return;
        }
        // Paused before the work is handed over, so the completion that resumes always comes after.
        if (running.incrementAndGet() >= concurrency) {
            container().pause();
        }
        try {
            workers.execute(() -> run(record, event, ticket));
        } catch (RejectedExecutionException e) {
            // Stopping: the record stays uncommitted for the next start.
            running.decrementAndGet();
        }
    }

    private void run(ConsumerRecord<String, byte[]> record, FileDiscovered event, InOrderAcks.Ticket ticket) {
        try {
            TransferResult result;
            try (TransferMetrics.InFlight copying = metrics.started(event)) {
                result = transfer.transfer(event);
            }
            if (abandoned && result.status() == TransferStatus.FAILED) {
                log.info("{}: stopped unfinished by the shutdown; the record stays uncommitted and the next start "
                        + "resumes it", RelativePath.printable(event.path()));
                return;
            }
            metrics.record(result);
            if (delivery.deliver(record, result)) {
                ticket.done();
            }
        } catch (InterruptedException e) {
            log.info("{}: stopped before its result was delivered; the record stays uncommitted",
                    RelativePath.printable(event.path()));
        } finally {
            if (running.decrementAndGet() < concurrency && !stopping) {
                container().resume();
            }
        }
    }

    @Override
    public void stopTaking() {
        stopping = true;
        container().pause();
    }

    @Override
    public void abandon() {
        abandoned = true;
    }

    @Override
    public int running() {
        return running.get();
    }

    private MessageListenerContainer container() {
        return registry.getObject().getListenerContainer(ID);
    }
}
