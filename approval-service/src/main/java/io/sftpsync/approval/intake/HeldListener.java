package io.sftpsync.approval.intake;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileHeld;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Reads {@code sftp.files.held} (group {@code approvals}, beside {@link OversizedListener}): each file the risk
 * gate held goes to {@link Intake} as an approval showing its anomaly, a malformed record to {@code
 * sftp.files.held.DLT}. Committed only after the approval is, like the oversized intake.
 */
public final class HeldListener {

    public static final String ID = "approvals-held";

    private static final Logger log = LoggerFactory.getLogger(HeldListener.class);

    private final Intake intake;
    private final DeadLetterPublishingRecoverer deadLetters;

    public HeldListener(Intake intake, DeadLetterPublishingRecoverer deadLetters) {
        this.intake = intake;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = ID, groupId = OversizedListener.GROUP, topics = Topics.FILES_HELD,
            containerFactory = "approvalIntakeFactory")
    void on(ConsumerRecord<String, byte[]> record) {
        FileHeld held;
        try {
            held = EventCodec.decode(record.value(), FileHeld.class);
        } catch (MalformedEventException e) {
            log.warn("{}@{}/{}: {} -> dead-letter topic", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            deadLetters.accept(record, e);
            return;
        }
        intake.receive(held);
    }
}
