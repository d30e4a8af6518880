package io.sftpsync.scanner;

import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.boot.config.SyncProperties;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.ListenerFactories;
import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.diff.SyncDecision;
import io.sftpsync.core.topics.SizeRouter;
import io.sftpsync.scanner.scan.InFlightRegistry;
import io.sftpsync.scanner.scan.ResultListener;
import io.sftpsync.scanner.scan.ScanFilter;
import io.sftpsync.scanner.scan.ScanMetrics;
import io.sftpsync.scanner.scan.ScanSettings;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.scanner.schedule.ScanScheduler;
import io.sftpsync.scanner.web.ScanController;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The scanner: the scan itself, its schedule, its REST endpoint and the result listener. */
@AutoConfiguration
@EnableKafka
@Import(ScanController.class)
public class ScannerConfiguration {

    @Bean
    InFlightRegistry inFlightRegistry(SyncProperties properties) {
        return new InFlightRegistry(properties.scan().inFlightTimeout(), Clock.systemUTC());
    }

    @Bean
    Scanner scanner(SyncProperties properties, SftpPools pools, EventPublisher publisher, InFlightRegistry inFlight,
            MeterRegistry meters) {
        SyncProperties.Scan scan = properties.scan();
        return new Scanner(pools::source, pools::sink, publisher, inFlight, new ScanSettings(
                new ScanFilter(scan.include(), scan.exclude(), scan.minAge()), new SyncDecision(scan.clockSkew()),
                new SizeRouter(properties.thresholds().toCore()), scan.requireStable(), scan.followSymlinks(),
                scan.staleTemporaryAge()), new ScanMetrics(meters), Clock.systemUTC());
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> scannerResultsFactory(ListenerFactories factories) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = factories.single("sftp-sync-scanner");
        // The in-flight registry lives in memory, so these offsets matter little: commit every few seconds
        // instead of after every poll, which at thousands of results a minute loads the broker for nothing.
        factory.getContainerProperties().setAckMode(org.springframework.kafka.listener.ContainerProperties.AckMode.TIME);
        factory.getContainerProperties().setAckTime(5_000);
        return factory;
    }

    @Bean
    ResultListener scannerResultListener(InFlightRegistry inFlight, ListenerFactories factories) {
        return new ResultListener(inFlight, factories.deadLetters());
    }

    @Bean
    @ConditionalOnProperty(name = "sync.mode", havingValue = "continuous", matchIfMissing = true)
    ScanScheduler scanScheduler(Scanner scanner, SyncProperties properties) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("scan-");
        scheduler.initialize();
        TaskScheduler ts = scheduler;
        return new ScanScheduler(scanner, ts, properties.scan());
    }
}
