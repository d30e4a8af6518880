package io.sftpsync.standalone.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.EventSerializer;
import io.sftpsync.core.events.ScanRequested;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.db.schema.ServiceSchema;
import io.sftpsync.db.schema.ServiceSchemaMigrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * docker-compose.yml's Kafka and PostgreSQL, the very images it pins, doing what the services do with them: the
 * topics kafka-init creates take an event and give it back, and every service's Flyway migrations run on the
 * database. Skipped where no Docker engine answers (the build machines of this project have none).
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeInfrastructureIT {

    private static final ComposeFile COMPOSE = ComposeFile.load();

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(image("kafka"));

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(image("postgres"))
            .withDatabaseName("sftpsync");

    /** The compose service's image; Testcontainers reads a reference by digest, so the tag is left out. */
    static DockerImageName image(String service) {
        String image = String.valueOf(COMPOSE.service(service).get("image"));
        return DockerImageName.parse(image.replaceFirst(":[^/@]+@", "@"));
    }

    @Test
    void theTopicsOfKafkaInitCarryAnEventThereAndBack() throws Exception {
        Map<String, String> init = COMPOSE.environment("kafka-init");
        int partitions = Integer.parseInt(init.get("PARTITIONS"));
        List<NewTopic> topics = new ArrayList<>();
        for (String name : init.get("TOPICS").trim().split("\\s+")) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        for (String name : init.get("COMPACTED_TOPICS").trim().split("\\s+")) {
            topics.add(new NewTopic(name, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers()))) {
            admin.createTopics(topics).all().get();
            assertThat(admin.listTopics().names().get()).containsAll(
                    topics.stream().map(NewTopic::name).collect(Collectors.toSet()));
            assertThat(admin.describeTopics(List.of(Topics.SCAN_REQUESTS)).allTopicNames().get()
                    .get(Topics.SCAN_REQUESTS).partitions()).hasSize(partitions);
        }

        ScanRequested request = ScanRequested.of("in/2026/12", true, "compose-it", Instant.parse("2026-12-03T06:00:00Z"));
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, SyncEvent> p = new KafkaProducer<>(producer, new StringSerializer(),
                new EventSerializer())) {
            p.send(new ProducerRecord<>(Topics.SCAN_REQUESTS, request.requestId().toString(), request)).get();
        }
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "compose-it");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumer, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.SCAN_REQUESTS));
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            assertThat(received).hasSize(1);
            assertThat(received.get(0).key()).isEqualTo(request.requestId().toString());
            assertThat(EventCodec.decode(received.get(0).value(), ScanRequested.class)).isEqualTo(request);
        }
    }

    @Test
    void everyServicesMigrationsRunOnTheDatabase() throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                POSTGRES.getPassword());
        List<ServiceSchema> schemas = List.of(new ServiceSchema("large_transfer"), new ServiceSchema("approval"),
                new ServiceSchema("anomaly"));
        new ServiceSchemaMigrations(dataSource, schemas, getClass().getClassLoader()).afterPropertiesSet();

        Set<String> tables = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rs = connection.createStatement().executeQuery("select table_schema || '.' || table_name"
                     + " from information_schema.tables where table_schema in ('large_transfer', 'approval', 'anomaly')")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (ServiceSchema schema : schemas) {
            assertThat(tables).as("tables of " + schema.schema()).anyMatch(t -> t.startsWith(schema.schema() + ".")
                    && !t.endsWith(".flyway_schema_history"));
            assertThat(tables).contains(schema.schema() + ".flyway_schema_history");
        }
        // Run again, as every restart of a service does: nothing left to apply, nothing fails.
        new ServiceSchemaMigrations(dataSource, schemas, getClass().getClassLoader()).afterPropertiesSet();
    }
}
