package io.sftpsync.scanner;

import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.boot.config.ClockSkewProperties;
import io.sftpsync.boot.config.ConnectionProperties;
import io.sftpsync.boot.config.DeletionProperties;
import io.sftpsync.boot.config.ThresholdProperties;
import io.sftpsync.boot.config.TopicProperties;
import io.sftpsync.boot.kafka.ConsumerDefaults;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.ListenerFactories;
import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.topics.SizeRouter;
import io.sftpsync.scanner.delete.Deleter;
import io.sftpsync.scanner.delete.DeletionsAfterCopies;
import io.sftpsync.scanner.leader.LeaderRole;
import io.sftpsync.scanner.leader.Leadership;
import io.sftpsync.scanner.request.ScanRequestListener;
import io.sftpsync.scanner.scan.InFlightRegistry;
import io.sftpsync.scanner.scan.InFlightRestore;
import io.sftpsync.scanner.scan.KafkaInFlightJournal;
import io.sftpsync.scanner.scan.ResultListener;
import io.sftpsync.scanner.scan.ScanFilter;
import io.sftpsync.scanner.scan.ScanMetrics;
import io.sftpsync.scanner.scan.ScanSettings;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.scanner.schedule.ScanScheduler;
import io.sftpsync.scanner.web.ScanController;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The scanner: the scan itself, its schedule, its REST endpoint and the result listener. */
@AutoConfiguration
@EnableKafka
@Import({ScanController.class, AuditConfiguration.class})
@EnableConfigurationProperties({ScanProperties.class, ThresholdProperties.class, DeletionProperties.class})
public class ScannerConfiguration {

    @Bean
    InFlightRegistry inFlightRegistry(ScanProperties scan, KafkaTemplate<String, byte[]> rawTemplate,
            KafkaProperties kafka, @Value("${sync.mode:continuous}") String mode) {
        // The once mode scans once and, unless told to restore, reads nothing back: nothing to track.
        return new InFlightRegistry(scan.inFlightTimeout(), Clock.systemUTC(),
                new KafkaInFlightJournal(rawTemplate, ConsumerDefaults.of(kafka)),
                !"once".equals(mode) || scan.restoresInFlight(mode));
    }

    /** Restores the registry before the first scan and before results are consumed (see ScanProperties). */
    @Bean
    InFlightRestore inFlightRestore(InFlightRegistry inFlight, ScanProperties scan,
            @Value("${sync.mode:continuous}") String mode) {
        if (scan.electsLeader(mode)) {
            return new InFlightRestore(inFlight, false, "with leader election, the scanner elected restores it");
        }
        return new InFlightRestore(inFlight, scan.restoresInFlight(mode), "sync.scan.in-flight-restore=false, the"
                + " once mode's default");
    }

    /** One partition: whoever the group assigns it to leads ({@link Leadership}). */
    @Bean
    @ConditionalOnExpression("'${sync.mode:continuous}' != 'once' and ${sync.scan.leader-election:false}")
    KafkaAdmin.NewTopics scannerLeaderTopic(TopicProperties t) {
        return new KafkaAdmin.NewTopics(new NewTopic(Leadership.TOPIC, 1, t.replicas()));
    }

    /**
     * With {@code sync.scan.leader-election}: only the elected scanner scans, reads results and serves requests;
     * the others stand by.
     */
    @Bean
    @ConditionalOnExpression("'${sync.mode:continuous}' != 'once' and ${sync.scan.leader-election:false}")
    Leadership scannerLeadership(KafkaProperties kafka, InFlightRegistry inFlight,
            KafkaListenerEndpointRegistry listeners, ScanProperties scan,
            ObjectProvider<DeletionsAfterCopies> deletions) {
        DeletionsAfterCopies d = deletions.getIfAvailable();
        return new Leadership(ConsumerDefaults.of(kafka), new LeaderRole(inFlight, listeners,
                List.of(ResultListener.ID, ScanRequestListener.GROUP), scan.restoresInFlight("continuous"),
                d == null ? () -> { } : () -> d.cancel("this scanner no longer leads")));
    }

    @Bean
    ScanMetrics scanMetrics(MeterRegistry meters) {
        return new ScanMetrics(meters);
    }

    @Bean
    Scanner scanner(ScanProperties scan, ClockSkewProperties clockSkew, ThresholdProperties thresholds,
            DeletionProperties deletions, ConnectionProperties connections, SftpPools pools,
            EventPublisher publisher, InFlightRegistry inFlight, ScanMetrics metrics,
            ObjectProvider<DeletionsAfterCopies> afterCopies) {
        if (connections.sink() != null) {
            deletions.checkOutside(connections.sink().basePath());
        }
        DeletionsAfterCopies waiting = afterCopies.getIfAvailable();
        return new Scanner(pools::source, pools::sink, publisher, inFlight, new ScanSettings(
                new ScanFilter(scan.include(), scan.exclude(), scan.minAge()), clockSkew.decision(),
                new SizeRouter(thresholds.toCore()), scan.requireStable(), scan.followSymlinks(),
                scan.staleTemporaryAge(), scan.listingMemory(), scan.riskGate(), deletions), metrics,
                Clock.systemUTC(), waiting == null ? plan -> { } : waiting::submit);
    }

    /** Removes the sink files the source lacks ({@code sync.delete.enabled}). */
    @Bean
    @ConditionalOnProperty(name = "sync.delete.enabled", havingValue = "true")
    Deleter deleter(SftpPools pools, EventPublisher publisher, DeletionProperties deletions, ScanMetrics metrics) {
        return new Deleter(pools::source, pools::sink, publisher, deletions, metrics::removed, Clock.systemUTC());
    }

    /** In the continuous mode a scan's deletions wait for its copies; the once mode's runner waits itself. */
    @Bean
    @ConditionalOnExpression("'${sync.mode:continuous}' != 'once' and ${sync.delete.enabled:false}")
    DeletionsAfterCopies deletionsAfterCopies(Deleter deleter, InFlightRegistry inFlight) {
        return new DeletionsAfterCopies(deleter, inFlight::anyQueuedUpTo, Duration.ofSeconds(1));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> scannerResultsFactory(ListenerFactories factories) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = factories.batch("sftp-sync-scanner", 500,
                Duration.ofMinutes(5));
        // A result read again after a restart only finds its entry gone, so commit every few seconds instead of
        // after every poll, which at thousands of results a minute loads the broker for nothing.
        factory.getContainerProperties().setAckMode(org.springframework.kafka.listener.ContainerProperties.AckMode.TIME);
        factory.getContainerProperties().setAckTime(5_000);
        return factory;
    }

    @Bean
    ResultListener scannerResultListener(InFlightRegistry inFlight, ListenerFactories factories,
            ObjectProvider<DeletionsAfterCopies> deletions) {
        DeletionsAfterCopies d = deletions.getIfAvailable();
        return new ResultListener(inFlight, factories.deadLetters(), d == null ? r -> { } : d::resultArrived);
    }

    /**
     * One request at a time; a scan may take long (a tree of millions of files), so the consumer may go an hour
     * between polls before the broker gives its request to another scanner.
     */
    @Bean
    @ConditionalOnProperty(name = "sync.mode", havingValue = "continuous", matchIfMissing = true)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> scanRequestFactory(ListenerFactories factories) {
        return factories.single(ScanRequestListener.GROUP, 1, Duration.ofHours(1));
    }

    /** Scans asked for over Kafka; off in once mode, which scans once and ends. */
    @Bean
    @ConditionalOnProperty(name = "sync.mode", havingValue = "continuous", matchIfMissing = true)
    ScanRequestListener scanRequestListener(Scanner scanner, ListenerFactories factories) {
        return new ScanRequestListener(scanner, factories.deadLetters());
    }

    /** Off in the standalone process's once mode ({@code sync.mode}, its setting), where its runner scans once. */
    @Bean
    @ConditionalOnProperty(name = "sync.mode", havingValue = "continuous", matchIfMissing = true)
    ScanScheduler scanScheduler(Scanner scanner, ScanProperties scan, ObjectProvider<Leadership> leadership) {
        Leadership l = leadership.getIfAvailable();
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("scan-");
        scheduler.initialize();
        TaskScheduler ts = scheduler;
        return new ScanScheduler(scanner, ts, scan.cron(), scan.interval(), scan.dryRun(),
                l == null ? () -> true : l::leading);
    }
}
