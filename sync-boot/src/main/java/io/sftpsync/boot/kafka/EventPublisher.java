package io.sftpsync.boot.kafka;

import io.sftpsync.core.events.SyncEvent;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** Publishes events keyed by path, so all events of one file keep their order on one partition. */
public final class EventPublisher {

    private final KafkaTemplate<String, SyncEvent> template;

    EventPublisher(KafkaTemplate<String, SyncEvent> template) {
        this.template = template;
    }

    /** Sends asynchronously; the future completes when the broker has acknowledged the record. */
    public CompletableFuture<SendResult<String, SyncEvent>> publish(String topic, String key, SyncEvent event) {
        return template.send(topic, key, event);
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void publishAndWait(String topic, String key, SyncEvent event) {
        publish(topic, key, event).join();
    }
}
