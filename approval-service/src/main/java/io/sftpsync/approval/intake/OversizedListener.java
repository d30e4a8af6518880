package io.sftpsync.approval.intake;

import io.sftpsync.boot.kafka.FileEventDecoder;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.topics.Topics;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads {@code sftp.files.oversized} (group {@code approvals}): each valid record goes to {@link Intake}, a
 * malformed one to {@code sftp.files.oversized.DLT}. A failing intake (the database down) is retried by the
 * container's error handler, and the record is committed only after its approval is.
 */
public final class OversizedListener {

    public static final String ID = "approvals-intake";
    public static final String GROUP = "approvals";

    private final Intake intake;
    private final FileEventDecoder decoder;

    public OversizedListener(Intake intake, FileEventDecoder decoder) {
        this.intake = intake;
        this.decoder = decoder;
    }

    @KafkaListener(id = ID, groupId = GROUP, topics = Topics.FILES_OVERSIZED,
            containerFactory = "approvalIntakeFactory")
    void on(ConsumerRecord<String, byte[]> record) {
        decoder.decode(record, Set.of(SizeClass.OVERSIZED)).ifPresent(intake::receive);
    }
}
