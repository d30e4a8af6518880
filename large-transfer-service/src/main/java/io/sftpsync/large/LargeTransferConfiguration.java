package io.sftpsync.large;

import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.boot.config.ClockSkewProperties;
import io.sftpsync.boot.config.PermissionsProperties;
import io.sftpsync.boot.config.SshTuningProperties;
import io.sftpsync.boot.config.VerifyProperties;
import io.sftpsync.boot.handlers.SizeClassHandler;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.GracefulStop;
import io.sftpsync.boot.kafka.ListenerFactories;
import io.sftpsync.boot.metrics.TransferMetrics;
import io.sftpsync.boot.proof.ProofKey;
import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.retry.Backoff;
import io.sftpsync.large.checkpoint.CheckpointConfiguration;
import io.sftpsync.large.checkpoint.Checkpoints;
import io.sftpsync.large.checkpoint.TransferLock;
import io.sftpsync.large.copy.chunked.ChunkedCopy;
import io.sftpsync.large.copy.chunked.RangeCopier;
import io.sftpsync.large.copy.chunked.SinkDurability;
import io.sftpsync.large.janitor.Janitor;
import io.sftpsync.large.listener.ApprovalCheck;
import io.sftpsync.large.listener.LargeFileListener;
import io.sftpsync.large.progress.ProgressReporter;
import io.sftpsync.large.transfer.LargeTransfer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;

/** The large-file transfer service: chunked, segmented, checkpointed in its own schema, resumable. */
@AutoConfiguration
@EnableKafka
@Import(CheckpointConfiguration.class)
@EnableConfigurationProperties(LargeTransferProperties.class)
public class LargeTransferConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LargeTransferConfiguration.class);

    /**
     * One record per poll, acknowledged by the worker that finished it, in offset order per partition (the
     * listener orders them: spring-kafka's asyncAcks would keep the consumer paused until every record of the
     * previous poll is acknowledged, one large file at a time). Immediate, so a commit does not wait for the next
     * poll. The poll interval only has to cover the wait between polls, since transfers run off the consumer
     * thread and a paused container keeps polling.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> largeFileFactory(ListenerFactories factories) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = factories.single("sftp-sync-large", 1,
                Duration.ofMinutes(5));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
        return factory;
    }

    /** Shut down by {@link GracefulStop} first; shutdownNow only catches what is left. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService largeTransferWorkers(LargeTransferProperties large) {
        return Executors.newFixedThreadPool(large.concurrency(),
                Thread.ofPlatform().name("large-transfer-", 1).factory());
    }

    @Bean
    ProgressReporter progressReporter(EventPublisher publisher, MeterRegistry meters) {
        return new ProgressReporter(publisher, meters);
    }

    @Bean
    SinkDurability sinkDurability() {
        return new SinkDurability();
    }

    /** Says at start-up (once, WARN) when the sink offers no fsync, which changes what a resume trusts. */
    @Bean
    ApplicationListener<ApplicationStartedEvent> sinkDurabilityProbe(SinkDurability sinkDurability, SftpPools pools) {
        return started -> sinkDurability.probe(pools.sink());
    }

    /** Says at start-up (once, WARN) when there is no proof key: every approved record would be dead-lettered. */
    @Bean
    ApplicationListener<ApplicationStartedEvent> proofKeyCheck(ProofKey proofKey) {
        return started -> {
            if (proofKey.proof().isEmpty()) {
                log.warn("no approval proof key: approved oversized files are dead-lettered, never copied; {}",
                        ProofKey.HOW_TO_CONFIGURE);
            }
        };
    }

    @Bean
    ChunkedCopy chunkedCopy(Checkpoints checkpoints, ProgressReporter progress, SinkDurability sinkDurability,
            LargeTransferProperties large, PermissionsProperties permissions) {
        return new ChunkedCopy(new RangeCopier(permissions.preserve()), checkpoints, progress, sinkDurability,
                large.chunkSize().toBytes(), large.streams());
    }

    @Bean
    LargeTransfer largeTransfer(SftpPools pools, ChunkedCopy chunked, Checkpoints checkpoints, TransferLock lock,
            LargeTransferProperties large, VerifyProperties verify, ClockSkewProperties clockSkew,
            SshTuningProperties sftp) {
        PoolFit.check(large, sftp);
        return new LargeTransfer(pools.source(), pools.sink(), chunked, checkpoints, lock,
                verify.policy(), clockSkew.decision(), large.maxAttempts(),
                new Backoff(large.backoff(), Duration.ofMinutes(5), Backoff.realSleep()), large.timeout(),
                Clock.systemUTC());
    }

    @Bean
    LargeFileListener largeFileListener(LargeTransfer transfer, ExecutorService largeTransferWorkers,
            LargeTransferProperties large, EventPublisher publisher, ListenerFactories factories, MeterRegistry meters,
            ProofKey proofKey, ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        return new LargeFileListener(transfer, largeTransferWorkers, large.concurrency(), publisher,
                factories.deadLetters(), large.publishAttempts(),
                new Backoff(large.backoff(), Duration.ofMinutes(1), Backoff.realSleep()), new ApprovalCheck(proofKey),
                new TransferMetrics(meters, EnumSet.of(SizeClass.LARGE, SizeClass.OVERSIZED)),
                registry);
    }

    @Bean
    GracefulStop largeTransferGracefulStop(LargeFileListener listener, ExecutorService largeTransferWorkers,
            LargeTransferProperties large) {
        return new GracefulStop("large transfer(s)", listener, largeTransferWorkers, large.shutdownGrace());
    }

    @Bean(destroyMethod = "close")
    Janitor largeTransferJanitor(Checkpoints checkpoints, TransferLock lock, ChunkedCopy chunked, SftpPools pools,
            LargeTransferProperties large, MeterRegistry meters) {
        return new Janitor(checkpoints, lock, chunked, pools.sink(), large.abandonAfter(), large.janitorInterval(),
                Clock.systemUTC(), meters);
    }

    @Bean
    SizeClassHandler largeHandler() {
        return () -> EnumSet.of(SizeClass.LARGE);
    }
}
