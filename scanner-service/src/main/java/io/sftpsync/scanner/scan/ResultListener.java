package io.sftpsync.scanner.scan;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/** Ends the in-flight entry of every file a transfer service reported on. */
public final class ResultListener {

    private final InFlightRegistry inFlight;
    private final DeadLetterPublishingRecoverer deadLetters;

    public ResultListener(InFlightRegistry inFlight, DeadLetterPublishingRecoverer deadLetters) {
        this.inFlight = inFlight;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = "scanner-results", topics = Topics.RESULTS, containerFactory = "scannerResultsFactory")
    void on(ConsumerRecord<String, byte[]> record) {
        TransferResult result;
        try {
            result = EventCodec.decode(record.value(), TransferResult.class);
        } catch (MalformedEventException e) {
            deadLetters.accept(record, e);
            return;
        }
        inFlight.finished(result.path(), result.causationId());
    }
}
