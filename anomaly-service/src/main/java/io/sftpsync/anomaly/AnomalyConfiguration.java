package io.sftpsync.anomaly;

import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.anomaly.consume.AnomalyListener;
import io.sftpsync.anomaly.consume.ArrivalWatch;
import io.sftpsync.anomaly.consume.LateArrivals;
import io.sftpsync.anomaly.consume.Observations;
import io.sftpsync.anomaly.consume.StallWatch;
import io.sftpsync.anomaly.detect.ExtremeSizeDetector;
import io.sftpsync.anomaly.detect.InterruptedDetector;
import io.sftpsync.anomaly.detect.LateArrivalDetector;
import io.sftpsync.anomaly.detect.ResourceImpactDetector;
import io.sftpsync.anomaly.detect.ScanVolumeDetector;
import io.sftpsync.anomaly.detect.SizeChangeDetector;
import io.sftpsync.anomaly.detect.SlowTransferDetector;
import io.sftpsync.anomaly.detect.StalledTransferDetector;
import io.sftpsync.anomaly.detect.TimestampDetector;
import io.sftpsync.anomaly.report.AnomalyRelay;
import io.sftpsync.anomaly.gate.GateConfiguration;
import io.sftpsync.anomaly.report.Reporter;
import io.sftpsync.anomaly.retention.Retention;
import io.sftpsync.anomaly.store.Arrivals;
import io.sftpsync.anomaly.store.FileVersions;
import io.sftpsync.anomaly.store.HistoryStore;
import io.sftpsync.anomaly.store.StoreConfiguration;
import io.sftpsync.anomaly.web.AnomalyController;
import io.sftpsync.anomaly.web.AnomalyPage;
import io.sftpsync.anomaly.web.ProblemAdvice;
import io.sftpsync.boot.config.ThresholdProperties;
import io.sftpsync.boot.config.TopicProperties;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.ListenerFactories;
import io.sftpsync.core.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The anomaly service: its detectors (package {@code detect}, pure functions), each a bean configured from {@link
 * AnomalyProperties}; the history in its own schema ({@code store}); the batch consumer of the file topics, scans,
 * results, progress and approvals in group {@code anomalies}, the stalled-transfer and late-arrival watches
 * ({@code consume}); findings stored once each and published to {@code sftp.anomalies} from that outbox ({@code
 * report}); the history's cleanup ({@code retention}); the REST API over anomalies and file histories ({@code
 * web}); and, when enabled, the risk gate ({@code gate}).
 */
@AutoConfiguration
@EnableKafka
@Import({AnomalyDetectors.class, StoreConfiguration.class, AnomalyController.class, ProblemAdvice.class,
        GateConfiguration.class, AnomalyPage.class})
public class AnomalyConfiguration {

    /** Records per batch read from each topic. */
    private static final int BATCH = 500;
    /** How often stored anomalies not yet published are looked for (besides after every consumed batch). */
    private static final Duration RELAY_SWEEP = Duration.ofSeconds(2);
    /** How often the history's cleanup runs. */
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);

    @Bean
    KafkaAdmin.NewTopics anomalyTopics(TopicProperties t) {
        // sftp.approvals is the approval service's; created here too (as it does) so this service can start first,
        // with the dead-letter topic of its consumer.
        return new KafkaAdmin.NewTopics(new NewTopic(Topics.ANOMALIES, t.partitions(), t.replicas()),
                new NewTopic(Topics.APPROVALS, t.partitions(), t.replicas()),
                new NewTopic(Topics.deadLetter(Topics.APPROVALS), t.partitions(), t.replicas()));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> anomalyBatchFactory(ListenerFactories factories) {
        return factories.batch(AnomalyListener.GROUP, BATCH, Duration.ofMinutes(5));
    }

    @Bean
    TransactionTemplate anomalyTransactions(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }

    @Bean
    Reporter anomalyReporter(HistoryStore store, MeterRegistry meters) {
        return new Reporter(store, meters);
    }

    @Bean(destroyMethod = "close")
    AnomalyRelay anomalyRelay(HistoryStore store, EventPublisher publisher, TransactionTemplate anomalyTransactions) {
        return new AnomalyRelay(store, publisher, anomalyTransactions, Clock.systemUTC(), RELAY_SWEEP);
    }

    @Bean
    Observations anomalyObservations(HistoryStore store, FileVersions fileVersions, Reporter reporter, TransactionTemplate anomalyTransactions,
            SizeChangeDetector sizeChange, ExtremeSizeDetector extremeSize, TimestampDetector timestamps,
            InterruptedDetector interrupted, SlowTransferDetector slow, ScanVolumeDetector scanVolume,
            StalledTransferDetector stalled, ResourceImpactDetector resource, ThresholdProperties thresholds) {
        // The size-class boundaries the scanner routes by (sync.thresholds.*, bound by both).
        return new Observations(store, fileVersions, reporter, anomalyTransactions, Clock.systemUTC(), thresholds.toCore(),
                sizeChange, extremeSize, timestamps, interrupted, slow, scanVolume, stalled, resource);
    }

    /** The late-arrival check's clock: the system's, unless a test supplies one it can move. */
    @Bean
    @ConditionalOnMissingBean(name = "lateArrivalClock")
    Clock lateArrivalClock() {
        return Clock.systemUTC();
    }

    @Bean
    LateArrivals anomalyLateArrivals(Arrivals arrivals, Reporter reporter, TransactionTemplate anomalyTransactions,
            LateArrivalDetector detector, AnomalyProperties p, @Qualifier("lateArrivalClock") Clock clock) {
        return new LateArrivals(arrivals, reporter, anomalyTransactions, detector, p.retention(), clock);
    }

    @Bean(destroyMethod = "close")
    ArrivalWatch anomalyArrivalWatch(LateArrivals lateArrivals) {
        return new ArrivalWatch(lateArrivals, ArrivalWatch.INTERVAL);
    }

    @Bean(destroyMethod = "close")
    StallWatch anomalyStallWatch(Observations observations, StalledTransferDetector stalled) {
        return new StallWatch(observations, StallWatch.intervalFor(stalled.after()));
    }

    @Bean
    AnomalyListener anomalyListener(Observations observations, ListenerFactories factories,
            TransactionTemplate anomalyTransactions, AnomalyRelay relay) {
        return new AnomalyListener(observations, factories.deadLetters(), anomalyTransactions, relay);
    }

    @Bean(destroyMethod = "close")
    Retention anomalyRetention(HistoryStore store, AnomalyProperties p) {
        return new Retention(store, p.retention(), Clock.systemUTC(), CLEANUP_EVERY);
    }
}
