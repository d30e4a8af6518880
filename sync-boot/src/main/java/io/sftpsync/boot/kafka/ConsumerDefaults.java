package io.sftpsync.boot.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The properties every consumer of the services starts from: spring.kafka.consumer.*, and how to fetch where
 * those do not say. Kafka answers a fetch as soon as one byte is there: with results arriving a few at a time,
 * each consumer fetched a few records per request, and the in-process broker's handling of those requests cost
 * more CPU per small file than the copy's own SFTP requests. Waiting up to 50 ms for 64 KiB made the small-file
 * benchmark's sync phase about a tenth shorter (docs/benchmarks.md); 50 ms is nothing to a transfer or a summary.
 */
public final class ConsumerDefaults {

    static final int FETCH_MIN_BYTES = 64 * 1024;
    static final int FETCH_MAX_WAIT_MS = 50;

    private ConsumerDefaults() {
    }

    /**
     * The consumer properties of the configuration, with the fetch defaults where it sets none.
     *
     * @param kafka spring.kafka.*
     * @return a new, mutable map
     */
    public static Map<String, Object> of(KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        return props;
    }
}
