package io.sftpsync.scanner.scan;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.topics.Topics;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Ends the in-flight entry of every file a transfer service reported on. A batch returns once the journal holds
 * its tombstones, so the results' offsets are never committed ahead of them and a restart restores no entry
 * whose result was already read.
 */
public final class ResultListener {

    private final InFlightRegistry inFlight;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final Consumer<TransferResult> observer;

    /** @param observer told of each result before its entry ends (deletions waiting for copies) */
    public ResultListener(InFlightRegistry inFlight, DeadLetterPublishingRecoverer deadLetters,
            Consumer<TransferResult> observer) {
        this.inFlight = inFlight;
        this.deadLetters = deadLetters;
        this.observer = observer;
    }

    /** The listener's id and its consumer group. */
    public static final String ID = "scanner-results";

    /** With leader election, the elected scanner starts it ({@code LeaderRole}). */
    @KafkaListener(id = ID, topics = Topics.RESULTS, containerFactory = "scannerResultsFactory",
            autoStartup = "#{'${sync.mode:continuous}' == 'once' or !${sync.scan.leader-election:false}}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            TransferResult result;
            try {
                result = EventCodec.decode(record.value(), TransferResult.class);
            } catch (MalformedEventException e) {
                deadLetters.accept(record, e);
                continue;
            }
            observer.accept(result);
            inFlight.finished(result.path(), result.causationId());
        }
        inFlight.flush();
    }
}
