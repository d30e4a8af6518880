package io.sftpsync.approval.transfer;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads progress and results in a group of its own ({@code approvals-transfers}), beside the services that
 * consume them, so it never takes their records away. Most records are of other files: one indexed lookup by
 * causation id each. A malformed record is logged and skipped, not dead-lettered: the topic's own consumers do
 * that, and a second copy on the dead-letter topic would only mislead.
 */
public final class TransferListener {

    public static final String GROUP = "approvals-transfers";

    private static final Logger log = LoggerFactory.getLogger(TransferListener.class);

    private final Transfers transfers;

    public TransferListener(Transfers transfers) {
        this.transfers = transfers;
    }

    @KafkaListener(id = "approvals-progress", groupId = GROUP, topics = Topics.PROGRESS,
            containerFactory = "approvalTransfersFactory")
    void onProgress(ConsumerRecord<String, byte[]> record) {
        try {
            transfers.progress(EventCodec.decode(record.value(), TransferProgress.class));
        } catch (MalformedEventException e) {
            skip(record, e);
        }
    }

    @KafkaListener(id = "approvals-results", groupId = GROUP, topics = Topics.RESULTS,
            containerFactory = "approvalTransfersFactory")
    void onResult(ConsumerRecord<String, byte[]> record) {
        try {
            transfers.result(EventCodec.decode(record.value(), TransferResult.class));
        } catch (MalformedEventException e) {
            skip(record, e);
        }
    }

    private static void skip(ConsumerRecord<String, byte[]> record, MalformedEventException e) {
        log.warn("{}@{}/{}: {}, skipped", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
}
