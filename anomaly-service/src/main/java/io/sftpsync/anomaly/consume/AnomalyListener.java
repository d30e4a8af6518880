package io.sftpsync.anomaly.consume;

import io.sftpsync.anomaly.report.AnomalyRelay;
import io.sftpsync.boot.kafka.FileEventDecoder;
import io.sftpsync.core.events.ApprovalDecided;
import io.sftpsync.core.events.ApprovalRequested;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileAudited;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.topics.Topics;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the file topics, {@code sftp.scans}, {@code sftp.transfers.results}, {@code sftp.transfers.progress},
 * {@code sftp.approvals} (requests and decisions, for a path's history) and {@code sftp.audits} in batches, in a
 * group of its own ({@code anomalies}), beside the services that consume them, so it never takes their records
 * away. Each valid record goes to {@link Observations}. A malformed record of a topic another service owns (the file
 * topics, results, progress) is logged and skipped: its owner dead-letters it, and a second copy on the {@code .DLT}
 * would be replayed twice. One of a topic only this service consumes as a group goes to the topic's {@code .DLT}.
 *
 * <p>A poll's batch is one database transaction (the events' own transactions join it): one commit, one WAL flush,
 * per batch instead of per event. Its discoveries, results and progress events are each recorded and judged with a
 * few statements for the whole batch, not a few per event; once it commits, {@link AnomalyRelay} publishes what it found. A failing batch
 * (the database or broker down) rolls back whole, is retried by the container's error handler, and committed only
 * once every record of it is recorded: the history and the dedupe keys make the retry harmless.
 */
public final class AnomalyListener {

    public static final String GROUP = "anomalies";
    public static final String FACTORY = "anomalyBatchFactory";

    private static final Logger log = LoggerFactory.getLogger(AnomalyListener.class);
    private static final String SKIPPED = "skipped (its owner dead-letters it)";

    private final Observations observations;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final FileEventDecoder files;
    private final TransactionTemplate transactions;
    private final AnomalyRelay relay;

    public AnomalyListener(Observations observations, DeadLetterPublishingRecoverer deadLetters,
            TransactionTemplate transactions, AnomalyRelay relay) {
        this.observations = observations;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.relay = relay;
        this.files = new FileEventDecoder((record, e) -> { }, SKIPPED);
    }

    /**
     * One consumer for every topic: one member of the group, one rebalance when it joins. Records of one topic
     * keep their order; the topics are independent of each other.
     */
    @KafkaListener(id = GROUP, groupId = GROUP, containerFactory = FACTORY,
            autoStartup = "${sync.anomaly.enabled:true}", topics = {Topics.FILES_SMALL, Topics.FILES_MEDIUM,
            Topics.FILES_LARGE, Topics.FILES_OVERSIZED, Topics.SCANS, Topics.RESULTS, Topics.PROGRESS,
            Topics.APPROVALS, Topics.AUDITS})
    void on(List<ConsumerRecord<String, byte[]>> records) {
        Batch batch = new Batch();
        transactions.executeWithoutResult(status -> {
            records.forEach(r -> observe(r, batch));
            observations.discovered(batch.discoveries);
            observations.finished(batch.results);
            observations.progressed(batch.progress);
        });
        relay.publishQuietly();
    }

    /** A poll's discoveries, results and progress: judged kind by kind, a few statements for each kind. */
    private static final class Batch {
        final List<FileDiscovered> discoveries = new ArrayList<>();
        final List<TransferResult> results = new ArrayList<>();
        final List<TransferProgress> progress = new ArrayList<>();
    }

    private void observe(ConsumerRecord<String, byte[]> record, Batch batch) {
        switch (record.topic()) {
            case Topics.SCANS -> decode(record, ScanCompleted.class, observations::scanned, true);
            case Topics.RESULTS -> decode(record, TransferResult.class, batch.results::add, false);
            case Topics.PROGRESS -> decode(record, TransferProgress.class, batch.progress::add, false);
            case Topics.APPROVALS -> approval(record);
            case Topics.AUDITS -> decode(record, FileAudited.class, observations::audited, true);
            default -> files.decode(record, accepted(record.topic())).ifPresent(batch.discoveries::add);
        }
    }

    /** @param owned whether this service owns the topic, so dead-letters what is malformed on it */
    private <T extends SyncEvent> void decode(ConsumerRecord<String, byte[]> record, Class<T> type,
            Consumer<T> action, boolean owned) {
        T event;
        try {
            event = EventCodec.decode(record.value(), type);
        } catch (MalformedEventException e) {
            log.warn("{}@{}/{}: {} -> {}", record.topic(), record.partition(), record.offset(), e.getMessage(),
                    owned ? "dead-letter topic" : SKIPPED);
            if (owned) {
                deadLetters.accept(record, e);
            }
            return;
        }
        action.accept(event);
    }

    /** {@code sftp.approvals} carries two types, told apart by which one the record decodes as. */
    private void approval(ConsumerRecord<String, byte[]> record) {
        ApprovalDecided decided;
        try {
            decided = EventCodec.decode(record.value(), ApprovalDecided.class);
        } catch (MalformedEventException notADecision) {
            decode(record, ApprovalRequested.class, observations::approvalRequested, true);
            return;
        }
        observations.approvalDecided(decided);
    }

    private static EnumSet<SizeClass> accepted(String topic) {
        EnumSet<SizeClass> classes = EnumSet.noneOf(SizeClass.class);
        for (SizeClass c : SizeClass.values()) {
            if (Topics.forClass(c).equals(topic)) {
                classes.add(c);
            }
        }
        // The approval service republishes approved oversized files to the large-file topic, as they are.
        if (Topics.FILES_LARGE.equals(topic)) {
            classes.add(SizeClass.OVERSIZED);
        }
        return classes;
    }
}
