package io.sftpsync.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.config.ClockSkewProperties;
import io.sftpsync.boot.config.ConnectionProperties;
import io.sftpsync.boot.config.DeletionProperties;
import io.sftpsync.boot.config.ThresholdProperties;
import io.sftpsync.boot.config.UnknownPropertyCheck;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code sync.scan.*} and {@code sync.thresholds.*}, next to sync-boot's records as in a scanner process. */
class ScannerPropertiesTest {

    @Configuration
    @EnableConfigurationProperties({ScanProperties.class, ThresholdProperties.class, ClockSkewProperties.class,
            ConnectionProperties.class})
    static class Scanner {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Scanner.class)
            .withBean(UnknownPropertyCheck.class);

    @Test
    void theScannersConfigurationRegistersItsOwnAndTheSharedOnes() {
        assertThat(ScannerConfiguration.class.getAnnotation(EnableConfigurationProperties.class).value())
                .containsExactlyInAnyOrder(ScanProperties.class, ThresholdProperties.class, DeletionProperties.class);
    }

    @Test
    void defaultsAreThoseOfTheSystemThisReplaces() {
        runner.run(ctx -> {
            ThresholdProperties thresholds = ctx.getBean(ThresholdProperties.class);
            assertThat(thresholds.toCore().small()).isEqualTo(100L << 20);
            assertThat(thresholds.toCore().large()).isEqualTo(1L << 30);
            assertThat(thresholds.toCore().max()).isEqualTo(10L << 30);
            ScanProperties scan = ctx.getBean(ScanProperties.class);
            assertThat(scan.cron()).isEqualTo("0 0 0 * * *");
            assertThat(scan.minAge()).isEqualTo(Duration.ofSeconds(30));
            assertThat(scan.interval()).isNull();
            assertThat(scan.requireStable()).isFalse();
            assertThat(scan.followSymlinks()).isFalse();
            assertThat(scan.inFlightTimeout()).isEqualTo(Duration.ofHours(6));
            assertThat(scan.staleTemporaryAge()).isEqualTo(Duration.ofHours(24));
            assertThat(scan.include()).isEmpty();
            assertThat(scan.exclude()).isEmpty();
            assertThat(scan.dryRun()).isFalse();
            assertThat(scan.listingMemory()).isEqualTo(new io.sftpsync.core.listing.ListingMemory(50_000,
                    java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))));
        });
    }

    @Test
    void theInFlightRegistryIsRestoredExceptInOnceModeUnlessSet() {
        runner.run(ctx -> {
            ScanProperties scan = ctx.getBean(ScanProperties.class);
            assertThat(scan.restoresInFlight("continuous")).isTrue();
            assertThat(scan.restoresInFlight("once")).isFalse();
        });
        runner.withPropertyValues("sync.scan.in-flight-restore=false")
                .run(ctx -> assertThat(ctx.getBean(ScanProperties.class).restoresInFlight("continuous")).isFalse());
        runner.withPropertyValues("sync.scan.in-flight-restore=true")
                .run(ctx -> assertThat(ctx.getBean(ScanProperties.class).restoresInFlight("once")).isTrue());
    }

    @Test
    void relaxedBindingOfListsAndSizes() {
        runner.withPropertyValues("sync.scan.include=*.csv,a/**", "sync.thresholds.small=8KB").run(ctx -> {
            assertThat(ctx.getBean(ScanProperties.class).include()).containsExactly("*.csv", "a/**");
            assertThat(ctx.getBean(ThresholdProperties.class).small().toBytes()).isEqualTo(8192);
        });
        runner.withPropertyValues("sync.scan.include[0]=a", "sync.scan.exclude=b,c", "sync.scan.in-flight-timeout=1h")
                .run(ctx -> assertThat(ctx.getBean(ScanProperties.class).exclude()).containsExactly("b", "c"));
    }

    @Test
    void invalidValuesFailStartUpNamingTheProperty() {
        assertFailsNaming("sync.scan.stale-temporary-age=-1s", "sync.scan.stale-temporary-age");
        assertFailsNaming("sync.scan.cron= ", "sync.scan.cron");
        assertFailsNaming("sync.thresholds.small=lots", "sync.thresholds.small");
    }

    @Test
    void theAuditIsOffByDefaultAndTakesAllOrASampleAtACappedRate() {
        runner.run(ctx -> {
            ScanProperties.Audit audit = ctx.getBean(ScanProperties.class).audit();
            assertThat(audit.cron()).isEqualTo("-");
            assertThat(audit.all()).isTrue();
            assertThat(audit.maxRate().toBytes()).isEqualTo(20L << 20);
        });
        runner.withPropertyValues("sync.scan.audit.cron=0 0 3 * * SUN", "sync.scan.audit.sample=500",
                "sync.scan.audit.max-rate=5MB").run(ctx -> {
                    ScanProperties.Audit audit = ctx.getBean(ScanProperties.class).audit();
                    assertThat(audit.cron()).isEqualTo("0 0 3 * * SUN");
                    assertThat(audit.all()).isFalse();
                    assertThat(audit.limit()).isEqualTo(500);
                    assertThat(audit.maxRate().toBytes()).isEqualTo(5L << 20);
                });
        runner.withPropertyValues("sync.scan.audit.sample=ALL")
                .run(ctx -> assertThat(ctx.getBean(ScanProperties.class).audit().all()).isTrue());
    }

    @Test
    void invalidAuditSettingsFailStartUpSayingWhatIsWrong() {
        assertFailsNaming("sync.scan.audit.sample=0", "sync.scan.audit.sample must be \"all\" or a positive number");
        assertFailsNaming("sync.scan.audit.sample=some", "was 'some'");
        assertFailsNaming("sync.scan.audit.max-rate=0MB", "sync.scan.audit.max-rate must be a positive size");
        assertFailsNaming("sync.scan.audit.cron=every sunday", "sync.scan.audit.cron must be a Spring cron");
        assertFailsNaming("sync.scan.audit.crn=-", "'sync.scan.audit.crn'");
    }

    @Test
    void aMisspeltScannerPropertyIsReportedAndSyncBootsClockSkewIsNot() {
        for (String misspelt : new String[] {"sync.scan.crn", "sync.scan.cron.extra", "sync.thresholds.smal"}) {
            assertFailsNaming(misspelt + "=x", "'" + misspelt + "'");
        }
        runner.withPropertyValues("sync.scan.clock-skew=5s", "sync.scan.min-age=1s", "sync.source.host=h")
                .run(ctx -> assertThat(ctx).hasNotFailed());
    }

    @Test
    void theTransferServicesSettingsAreUnknownToAScanner() {
        assertFailsNaming("sync.transfer.batch-size=5", "'sync.transfer.batch-size'");
    }

    private void assertFailsNaming(String property, String name) {
        runner.withPropertyValues(property).run(ctx -> {
            assertThat(ctx).hasFailed();
            StringBuilder all = new StringBuilder();
            for (Throwable c = ctx.getStartupFailure(); c != null; c = c.getCause()) {
                all.append(c.getMessage()).append('\n');
            }
            assertThat(all).contains(name);
        });
    }
}
