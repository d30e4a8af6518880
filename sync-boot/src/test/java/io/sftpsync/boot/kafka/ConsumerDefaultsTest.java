package io.sftpsync.boot.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.util.unit.DataSize;

class ConsumerDefaultsTest {

    @Test
    void fetchesWaitForABatchUnlessConfiguredOtherwise() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of("broker:9092"));

        assertThat(ConsumerDefaults.of(kafka))
                .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, List.of("broker:9092"));
    }

    @Test
    void springKafkaConsumerSettingsWin() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().setFetchMinSize(DataSize.ofBytes(1));
        kafka.getConsumer().setFetchMaxWait(Duration.ofMillis(500));

        assertThat(ConsumerDefaults.of(kafka))
                .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    }
}
