package io.sftpsync.transfer;

import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.boot.config.ClockSkewProperties;
import io.sftpsync.boot.config.PermissionsProperties;
import io.sftpsync.boot.config.VerifyProperties;
import io.sftpsync.boot.handlers.SizeClassHandler;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.GracefulStop;
import io.sftpsync.boot.kafka.ListenerFactories;
import io.sftpsync.boot.metrics.TransferMetrics;
import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.retry.Backoff;
import io.sftpsync.transfer.copy.FileTransfer;
import io.sftpsync.transfer.listener.FileBatchListener;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** The small and medium transfer service. */
@AutoConfiguration
@EnableKafka
@EnableConfigurationProperties(TransferProperties.class)
public class TransferConfiguration {

    /** A batch may take this long before Kafka gives its partitions to another consumer. */
    static final Duration MAX_BATCH_TIME = Duration.ofHours(2);

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> transferBatchFactory(ListenerFactories factories,
            TransferProperties transfer) {
        return factories.batch("sftp-sync-transfer", transfer.batchSize(), MAX_BATCH_TIME);
    }

    /** Shut down by {@link GracefulStop} first; shutdownNow only catches what is left. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService transferWorkers(TransferProperties transfer) {
        return Executors.newFixedThreadPool(transfer.concurrency(),
                Thread.ofPlatform().name("transfer-", 1).factory());
    }

    @Bean
    FileTransfer fileTransfer(TransferProperties t, VerifyProperties verify, ClockSkewProperties clockSkew,
            PermissionsProperties permissions, SftpPools pools) {
        return new FileTransfer(pools::source, pools::sink, e -> t.compression().enabledFor(e.sizeClass()),
                new FileCopier(), c -> t.writeOptions(c, permissions.preserve()), verify.policy(),
                clockSkew.decision(), t.maxAttempts(),
                new Backoff(t.backoff(), Duration.ofMinutes(1), Backoff.realSleep()));
    }

    @Bean
    FileBatchListener fileBatchListener(FileTransfer transfer, ExecutorService transferWorkers,
            EventPublisher publisher, ListenerFactories factories, MeterRegistry meters,
            ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        return new FileBatchListener(transfer, transferWorkers, publisher, factories.deadLetters(),
                new TransferMetrics(meters, EnumSet.of(SizeClass.SMALL, SizeClass.MEDIUM)), registry);
    }

    @Bean
    GracefulStop transferGracefulStop(FileBatchListener listener, ExecutorService transferWorkers,
            TransferProperties transfer) {
        return new GracefulStop("file copies", listener, transferWorkers, transfer.shutdownGrace());
    }

    @Bean
    SizeClassHandler smallAndMediumHandler() {
        return () -> EnumSet.of(SizeClass.SMALL, SizeClass.MEDIUM);
    }
}
