package io.sftpsync.large;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.config.UnknownPropertyCheck;
import io.sftpsync.boot.config.VerifyProperties;
import io.sftpsync.db.embedded.DataDirProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** {@code sync.large.*}, next to the records of sync-boot and sync-db that a large-transfer service has too. */
class LargeTransferPropertiesTest {

    @Configuration
    @EnableConfigurationProperties({LargeTransferProperties.class, VerifyProperties.class, DataDirProperties.class})
    static class Large {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Large.class)
            .withBean(UnknownPropertyCheck.class);

    @Test
    void theLargeTransferConfigurationRegistersIt() {
        assertThat(LargeTransferConfiguration.class.getAnnotation(EnableConfigurationProperties.class).value())
                .containsExactly(LargeTransferProperties.class);
    }

    @Test
    void defaults() {
        runner.run(ctx -> assertThat(ctx.getBean(LargeTransferProperties.class)).isEqualTo(new LargeTransferProperties(
                2, DataSize.ofMegabytes(64), 4, Duration.ofHours(4), 5, Duration.ofSeconds(5), Duration.ofHours(72),
                Duration.ofHours(1), 5, Duration.ofSeconds(30))));
    }

    @Test
    void invalidValuesFailStartUpNamingTheProperty() {
        for (String property : new String[] {"sync.large.chunk-size=512KB", "sync.large.streams=33",
                "sync.large.concurrency=0", "sync.large.janitor-interval=often"}) {
            runner.withPropertyValues(property).run(ctx -> {
                assertThat(ctx).hasFailed();
                assertThat(messages(ctx.getStartupFailure())).contains(property.substring(0, property.indexOf('=')));
            });
        }
    }

    @Test
    void aMisspeltLargePropertyIsReportedAndTheOtherModulesSettingsAreNot() {
        runner.withPropertyValues("sync.large.stream=3").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(messages(ctx.getStartupFailure())).contains("'sync.large.stream'");
        });
        runner.withPropertyValues("sync.large.chunk-size=8MB", "sync.large.abandon-after=1h", "sync.data-dir=/d",
                "sync.verify.mode=checksum").run(ctx -> assertThat(ctx).hasNotFailed());
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
