package io.sftpsync.scanner;

import io.sftpsync.boot.config.ClockSkewProperties;
import io.sftpsync.boot.config.ThresholdProperties;
import io.sftpsync.boot.kafka.ConsumerDefaults;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.topics.SizeRouter;
import io.sftpsync.scanner.audit.AuditHistory;
import io.sftpsync.scanner.audit.AuditScheduler;
import io.sftpsync.scanner.audit.AuditSettings;
import io.sftpsync.scanner.audit.Auditor;
import io.sftpsync.scanner.scan.ScanFilter;
import io.sftpsync.scanner.web.AuditController;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The integrity audit: the auditor, its own schedule and its REST endpoint ({@code sync.scan.audit.*}). */
@Configuration(proxyBeanMethods = false)
@Import(AuditController.class)
public class AuditConfiguration {

    @Bean
    Auditor auditor(ScanProperties scan, ClockSkewProperties clockSkew, ThresholdProperties thresholds,
            SftpPools pools, EventPublisher publisher, KafkaProperties kafka) {
        ScanProperties.Audit audit = scan.audit();
        AuditSettings settings = new AuditSettings(new ScanFilter(scan.include(), scan.exclude(), scan.minAge()),
                clockSkew.decision(), new SizeRouter(thresholds.toCore()), scan.followSymlinks(),
                scan.listingMemory(), audit.limit());
        SimpleAsyncTaskExecutor background = new SimpleAsyncTaskExecutor("audit-");
        background.setDaemon(true);
        return new Auditor(pools::source, pools::sink, publisher, new AuditHistory(ConsumerDefaults.of(kafka)),
                settings, audit.maxRate().toBytes(), background, Clock.systemUTC());
    }

    /** Off in the standalone process's once mode, as the scan schedule is. */
    @Bean
    @ConditionalOnProperty(name = "sync.mode", havingValue = "continuous", matchIfMissing = true)
    AuditScheduler auditScheduler(Auditor auditor, ScanProperties scan) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("audit-schedule-");
        scheduler.initialize();
        return new AuditScheduler(auditor, scheduler, scan.audit().cron());
    }
}
