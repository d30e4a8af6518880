package io.sftpsync.anomaly.gate;

import io.sftpsync.boot.kafka.FileEventDecoder;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.topics.Topics;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads {@code sftp.files.screening} in batches, in a group of its own ({@code risk-gate}), and passes each
 * discovery through the {@link RiskGate}. The batch's offsets are committed only after the broker acknowledged
 * every forwarded or held record, so none is lost; a failure retries the batch, which forwards again what was
 * forwarded (the transfer services skip a file the sink already has) and holds again what was held (the approval
 * service keeps one approval per version). A malformed record, or an oversized file (never screened), goes to
 * {@code sftp.files.screening.DLT}.
 */
public final class ScreeningListener {

    public static final String GROUP = "risk-gate";
    public static final String FACTORY = "riskGateFactory";
    /** What the scanner screens: everything but the oversized, which wait for approval anyway. */
    static final Set<SizeClass> SCREENED = EnumSet.of(SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE);

    private final RiskGate gate;
    private final FileEventDecoder files;

    public ScreeningListener(RiskGate gate, FileEventDecoder files) {
        this.gate = gate;
        this.files = files;
    }

    @KafkaListener(id = "risk-gate", groupId = GROUP, containerFactory = FACTORY, topics = Topics.FILES_SCREENING)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<CompletableFuture<?>> sends = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            files.decode(record, SCREENED).ifPresent(d -> sends.add(gate.screen(d)));
        }
        // One wait for the whole batch: sends of one path keep their order on its partition.
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }
}
