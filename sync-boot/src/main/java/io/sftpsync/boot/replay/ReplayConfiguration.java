package io.sftpsync.boot.replay;

import io.sftpsync.boot.kafka.KafkaConfiguration;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Replay for reprocessing ({@code /api/replay}) in every service that serves HTTP: a range of a topic's records
 * published again, a stopped consumer group's offsets moved to a point in time.
 */
@AutoConfiguration(after = {KafkaConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
// A web application without the broker's configuration (the page's own tests) has nothing to replay.
@ConditionalOnBean({KafkaAdmin.class, KafkaProperties.class})
public class ReplayConfiguration {

    /** A replay fails when the broker returns nothing of a partition it has not finished for this long. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    Replayer replayer(KafkaAdmin admin, KafkaProperties kafka) {
        // Keys and values as bytes, acknowledged by every replica, each record once. The factory makes its one
        // shared producer at the first replay (none for a process that never replays) and closes it at shutdown.
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "sftp-sync-replay");
        DefaultKafkaProducerFactory<byte[], byte[]> producers = new DefaultKafkaProducerFactory<>(props,
                new ByteArraySerializer(), new ByteArraySerializer());
        return new Replayer(() -> Admin.create(admin.getConfigurationProperties()), () -> consumer(kafka),
                producers, STALL_TIMEOUT);
    }

    @Bean
    OffsetResetter offsetResetter(KafkaAdmin admin) {
        return new OffsetResetter(() -> Admin.create(admin.getConfigurationProperties()));
    }

    @Bean
    ReplayController replayController(Replayer replayer, OffsetResetter offsetResetter) {
        return new ReplayController(replayer, offsetResetter);
    }

    @Bean
    ReplayProblemAdvice replayProblemAdvice() {
        return new ReplayProblemAdvice();
    }

    /** No group: assigned and positioned by hand, nothing committed; never creates the topic it reads. */
    private static KafkaConsumer<byte[], byte[]> consumer(KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sftp-sync-replay");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
