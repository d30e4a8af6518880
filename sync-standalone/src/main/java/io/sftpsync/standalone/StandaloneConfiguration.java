package io.sftpsync.standalone;

import io.sftpsync.anomaly.AnomalyProperties;
import io.sftpsync.anomaly.consume.AnomalyListener;
import io.sftpsync.anomaly.store.AnomalyQueries;
import io.sftpsync.approval.ApprovalProperties;
import io.sftpsync.approval.store.ApprovalRepository;
import io.sftpsync.boot.handlers.SizeClassHandler;
import io.sftpsync.scanner.ScanProperties;
import io.sftpsync.scanner.delete.Deleter;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.standalone.once.OnceAnomalies;
import io.sftpsync.standalone.once.OnceRunner;
import io.sftpsync.standalone.once.PolicyApprovals;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** What only the all-in-one process has: its settings and the once mode. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StandaloneProperties.class)
class StandaloneConfiguration {

    @Bean
    @ConditionalOnProperty(name = "sync.mode", havingValue = "once")
    OnceRunner onceRunner(Scanner scanner, KafkaProperties kafka, List<SizeClassHandler> handlers,
            ScanProperties scan, StandaloneProperties standalone, ObjectProvider<ApprovalRepository> approvals,
            ObjectProvider<ApprovalProperties> approval, ObjectProvider<AnomalyQueries> anomalyQueries,
            ObjectProvider<AnomalyProperties> anomaly, ObjectProvider<Deleter> deleter,
            KafkaListenerEndpointRegistry listeners, Environment env) {
        StandaloneProperties.Standalone once = standalone.standalone();
        String logFile = env.getProperty("logging.file.name");
        ApprovalRepository repository = approvals.getIfAvailable();
        AnomalyQueries queries = anomalyQueries.getIfAvailable();
        AnomalyProperties anomalies = anomaly.getIfAvailable();
        OnceAnomalies found = queries == null || anomalies == null || !anomalies.enabled() ? null
                : new OnceAnomalies(kafka.buildAdminProperties(), AnomalyListener.GROUP,
                        () -> List.of(listeners.getListenerContainer(AnomalyListener.GROUP).getContainerProperties()
                                .getTopics()), queries);
        return new OnceRunner(scanner, kafka, handlers, repository == null ? null : new PolicyApprovals(repository),
                found, deleter.getIfAvailable(), new OnceRunner.Settings(scan.dryRun(), once.onceTimeout(), once.progressInterval(),
                        logFile == null ? null : Path.of(logFile), approvalPage(approval.getIfAvailable(), env)));
    }

    /** The configured page, or where this process serves it when it runs as a service (once mode serves none). */
    static String approvalPage(ApprovalProperties approval, Environment env) {
        if (approval != null && approval.pageUrl() != null && !approval.pageUrl().isBlank()) {
            return approval.pageUrl();
        }
        return "http://" + env.getProperty("server.address", "127.0.0.1") + ":" + env.getProperty("server.port", "8080")
                + "/ (./sftp-sync in continuous mode serves it)";
    }
}
