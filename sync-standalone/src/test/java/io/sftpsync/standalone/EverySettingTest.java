package io.sftpsync.standalone;

import static io.sftpsync.standalone.StandalonePropertiesTest.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.anomaly.AnomalyDetectors;
import io.sftpsync.anomaly.AnomalyProperties;
import io.sftpsync.approval.ApprovalConfiguration;
import io.sftpsync.approval.ApprovalProperties;
import io.sftpsync.boot.config.ClockSkewProperties;
import io.sftpsync.boot.config.DeletionProperties;
import io.sftpsync.boot.config.ConnectionProperties;
import io.sftpsync.boot.config.PermissionsProperties;
import io.sftpsync.boot.config.SshTuningProperties;
import io.sftpsync.boot.config.ThresholdProperties;
import io.sftpsync.boot.config.TopicProperties;
import io.sftpsync.boot.config.UnknownPropertyCheck;
import io.sftpsync.boot.config.VerifyProperties;
import io.sftpsync.boot.kafka.KafkaConfiguration;
import io.sftpsync.boot.proof.ProofConfiguration;
import io.sftpsync.boot.proof.ProofProperties;
import io.sftpsync.boot.security.HttpSecurityConfiguration;
import io.sftpsync.boot.security.HttpSecurityProperties;
import io.sftpsync.boot.sftp.SftpConfiguration;
import io.sftpsync.db.embedded.DataDirConfiguration;
import io.sftpsync.db.embedded.DataDirProperties;
import io.sftpsync.large.LargeTransferConfiguration;
import io.sftpsync.large.LargeTransferProperties;
import io.sftpsync.scanner.ScanProperties;
import io.sftpsync.scanner.ScannerConfiguration;
import io.sftpsync.transfer.TransferConfiguration;
import io.sftpsync.transfer.TransferProperties;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The unknown-property check in the process that has every module, and so every module's records. */
class EverySettingTest {

    @Configuration
    @EnableConfigurationProperties({ConnectionProperties.class, SshTuningProperties.class, ClockSkewProperties.class,
            VerifyProperties.class, TopicProperties.class, ScanProperties.class, ThresholdProperties.class,
            TransferProperties.class, LargeTransferProperties.class, DataDirProperties.class,
            StandaloneProperties.class, PermissionsProperties.class, HttpSecurityProperties.class,
            ProofProperties.class, ApprovalProperties.class, AnomalyProperties.class, DeletionProperties.class})
    static class EveryModule {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(EveryModule.class).withBean(UnknownPropertyCheck.class);

    @Test
    void theseAreTheRecordsTheModulesRegister() {
        assertThat(Stream.of(SftpConfiguration.class, KafkaConfiguration.class, ScannerConfiguration.class,
                TransferConfiguration.class, LargeTransferConfiguration.class, DataDirConfiguration.class,
                StandaloneConfiguration.class, HttpSecurityConfiguration.class, ProofConfiguration.class,
                ApprovalConfiguration.class, AnomalyDetectors.class)
                .flatMap(c -> Arrays.stream(c.getAnnotation(EnableConfigurationProperties.class).value()))
                // Shared records (sync.thresholds: the scanner and the anomaly service) are registered by several.
                .distinct())
                .containsExactlyInAnyOrder(EveryModule.class.getAnnotation(EnableConfigurationProperties.class).value());
    }

    @Test
    void aSettingOfEveryModuleIsAcceptedAlongsideTheOthers() {
        runner.withPropertyValues("sync.source.host=h", "sync.source.max-rate=08:00,1MB 20:00,off",
                "sync.sink.max-rate=10MB", "sync.known-hosts=/k", "sync.sftp.sessions=2",
                "sync.topics.partitions=3", "sync.verify.paths[0].glob=*.db", "sync.verify.paths[0].mode=none",
                "sync.scan.clock-skew=1s", "sync.scan.cron=-", "sync.thresholds.max=1GB", "sync.transfer.batch-size=5",
                "sync.large.streams=2", "sync.data-dir=/d", "sync.mode=once", "sync.demo=true",
                "sync.standalone.once-timeout=1m", "sync.standalone.verbose=true",
                "sync.standalone.progress-interval=5s", "sync.permissions.preserve=false",
                "sync.transfer.fsync.small=false", "sync.delete.enabled=true", "sync.delete.max=10", "sync.security.users[0].username=u",
                "sync.security.users[0].password={noop}p", "sync.security.users[0].roles=viewer",
                "sync.security.prometheus-public=false", "sync.proof.key-file=/k", "sync.approval.expire-after=3d",
                "sync.approval.two-person-above=1TB", "sync.approval.rules[0].name=backups",
                "sync.approval.rules[0].glob=backups/**", "sync.approval.rules[0].max-size=200GB",
                "sync.anomaly.retention=30d", "sync.anomaly.growth.min-samples=5",
                "sync.anomaly.late-arrival.zone=Europe/Berlin", "sync.anomaly.risk-gate.enabled=false",
                "sync.scan.risk-gate=true",
                "sync.scan.audit.cron=0 0 3 * * SUN", "sync.scan.audit.sample=100", "sync.scan.audit.max-rate=5MB")
                .run(ctx -> assertThat(ctx).hasNotFailed());
    }

    @Test
    void aMisspeltSettingUnderEveryModulesPrefixIsReportedByName() {
        List<String> misspelt = List.of("sync.sorce.host", "sync.sftp.sesions", "sync.topics.partitons",
                "sync.verify.mod", "sync.scan.crn", "sync.thresholds.smal", "sync.transfer.batch-sise",
                "sync.large.stream", "sync.data-dri", "sync.standalone.kafka-prt", "sync.mod",
                "sync.security.users[0].passwrd", "sync.security.prometheus", "sync.proof.kye",
                "sync.approval.expire-aftr", "sync.anomaly.retention-days", "sync.anomaly.growth.min-sample",
                "sync.scan.risk-gates",
                "sync.scan.audit.sampel");
        runner.withPropertyValues(misspelt.stream().map(p -> p + "=1").toArray(String[]::new)).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(messages(ctx.getStartupFailure()))
                    .contains(misspelt.stream().map(p -> "'" + p + "'").toArray(String[]::new));
        });
    }
}
