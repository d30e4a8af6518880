package io.sftpsync.anomaly.gate;

import io.sftpsync.anomaly.consume.Observations;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.FileEventDecoder;
import io.sftpsync.boot.kafka.ListenerFactories;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * The risk gate, only with {@code sync.anomaly.risk-gate.enabled=true}: then the scanner (with {@code
 * sync.scan.risk-gate=true}) publishes discoveries to {@code sftp.files.screening}, and nothing reaches the transfer
 * services unless this gate forwards it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sync.anomaly.risk-gate.enabled")
public class GateConfiguration {

    /** Records per batch: each is judged in its own transaction, the sends are awaited together. */
    private static final int BATCH = 200;

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> riskGateFactory(ListenerFactories factories) {
        return factories.batch(ScreeningListener.GROUP, BATCH, Duration.ofMinutes(5));
    }

    @Bean
    RiskGate riskGate(Observations observations, EventPublisher publisher) {
        return new RiskGate(observations, publisher, Clock.systemUTC());
    }

    @Bean
    ScreeningListener screeningListener(RiskGate gate, ListenerFactories factories) {
        return new ScreeningListener(gate, new FileEventDecoder(factories.deadLetters()));
    }
}
