package io.sftpsync.approval;

import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.approval.decision.Decisions;
import io.sftpsync.approval.decision.Dispatch;
import io.sftpsync.approval.decision.Transitions;
import io.sftpsync.approval.decision.TwoPersonRule;
import io.sftpsync.approval.expiry.Expiry;
import io.sftpsync.approval.expiry.ExpiryJob;
import io.sftpsync.approval.intake.HeldListener;
import io.sftpsync.approval.intake.Intake;
import io.sftpsync.approval.intake.OversizedListener;
import io.sftpsync.approval.metrics.ApprovalMetrics;
import io.sftpsync.approval.outbox.OutboxRelay;
import io.sftpsync.approval.policy.Policies;
import io.sftpsync.approval.query.ApprovalQueries;
import io.sftpsync.approval.store.ApprovalStore;
import io.sftpsync.approval.store.HistoryRepository;
import io.sftpsync.approval.store.OutboxRepository;
import io.sftpsync.approval.store.StoreConfiguration;
import io.sftpsync.approval.transfer.TransferListener;
import io.sftpsync.approval.transfer.Transfers;
import io.sftpsync.approval.web.ApprovalController;
import io.sftpsync.approval.web.ApprovalPage;
import io.sftpsync.approval.web.ProblemAdvice;
import io.sftpsync.boot.config.TopicProperties;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.kafka.FileEventDecoder;
import io.sftpsync.boot.kafka.ListenerFactories;
import io.sftpsync.boot.proof.ProofKey;
import io.sftpsync.core.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval service: oversized files, and files the risk gate held for an anomaly, waiting for a decision in
 * its own schema, decided by operators (REST API) or policies, run through a transactional outbox, followed through
 * the transfer services' events.
 */
@AutoConfiguration
@EnableKafka
@Import({StoreConfiguration.class, ApprovalController.class, ApprovalPage.class, ProblemAdvice.class})
@EnableConfigurationProperties(ApprovalProperties.class)
public class ApprovalConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApprovalConfiguration.class);
    /** How often the outbox is looked at when no commit nudged it. */
    private static final Duration RELAY_INTERVAL = Duration.ofMillis(200);
    /** Progress of one approval is written at most this often. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    /** The topics this service publishes to, created when missing like the file topics. */
    @Bean
    KafkaAdmin.NewTopics approvalTopics(TopicProperties t, ApprovalProperties approval) {
        return new KafkaAdmin.NewTopics(new NewTopic(Topics.APPROVALS, t.partitions(), t.replicas()),
                new NewTopic(approval.externalTopic(), t.partitions(), t.replicas()));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> approvalIntakeFactory(ListenerFactories factories) {
        return factories.single(OversizedListener.GROUP);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> approvalTransfersFactory(ListenerFactories factories) {
        return factories.single(TransferListener.GROUP);
    }

    @Bean
    TransactionTemplate approvalTransactions(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }

    @Bean(destroyMethod = "close")
    OutboxRelay approvalOutboxRelay(OutboxRepository outbox, EventPublisher publisher,
            TransactionTemplate approvalTransactions) {
        return new OutboxRelay(outbox, publisher, approvalTransactions, RELAY_INTERVAL);
    }

    @Bean
    ApprovalMetrics approvalMetrics(MeterRegistry meters, ApprovalStore store) {
        return new ApprovalMetrics(meters, store.approvals(), Clock.systemUTC());
    }

    @Bean
    Transitions approvalTransitions(ApprovalStore store, ProofKey proofKey, ApprovalProperties approval,
            ApprovalMetrics metrics) {
        return new Transitions(store, new Dispatch(store, proofKey, approval.externalTopic()), metrics);
    }

    @Bean
    Decisions approvalDecisions(ApprovalStore store, Transitions transitions, ApprovalProperties approval,
            TransactionTemplate approvalTransactions, OutboxRelay relay) {
        return new Decisions(store, transitions, new TwoPersonRule(approval.twoPersonAbove()), approvalTransactions,
                Clock.systemUTC(), relay::nudge);
    }

    @Bean
    Intake approvalIntake(ApprovalStore store, Transitions transitions, ApprovalProperties approval,
            TransactionTemplate approvalTransactions, OutboxRelay relay) {
        return new Intake(store, transitions, new Policies(approval.rules(), approval.twoPersonAbove()),
                approvalTransactions, Clock.systemUTC(), relay::nudge, approval.pageUrl());
    }

    @Bean
    OversizedListener oversizedListener(Intake intake, ListenerFactories factories) {
        return new OversizedListener(intake, new FileEventDecoder(factories.deadLetters()));
    }

    @Bean
    HeldListener heldListener(Intake intake, ListenerFactories factories) {
        return new HeldListener(intake, factories.deadLetters());
    }

    @Bean
    Transfers approvalTransfers(ApprovalStore store, TransactionTemplate approvalTransactions) {
        return new Transfers(store, approvalTransactions, Clock.systemUTC(), PROGRESS_EVERY);
    }

    @Bean
    TransferListener approvalTransferListener(Transfers transfers) {
        return new TransferListener(transfers);
    }

    @Bean
    ApprovalQueries approvalQueries(ApprovalStore store, HistoryRepository history) {
        return new ApprovalQueries(store.approvals(), history);
    }

    @Bean(destroyMethod = "close")
    ExpiryJob approvalExpiryJob(ApprovalStore store, Transitions transitions, ApprovalProperties approval,
            TransactionTemplate approvalTransactions, OutboxRelay relay) {
        return new ExpiryJob(new Expiry(store, transitions, approval.expiry(), approvalTransactions,
                Clock.systemUTC(), relay::nudge), approval.expiryInterval());
    }

    /** Says at start-up (once, WARN) when there is no proof key: approving would fail. */
    @Bean
    ApplicationListener<ApplicationStartedEvent> approvalProofKeyCheck(ProofKey proofKey) {
        return started -> {
            if (proofKey.proof().isEmpty()) {
                log.warn("no approval proof key: approvals other than EXTERNAL cannot be run; {}",
                        ProofKey.HOW_TO_CONFIGURE);
            }
        };
    }
}
