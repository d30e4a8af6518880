package io.sftpsync.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.config.ClockSkewProperties;
import io.sftpsync.boot.config.UnknownPropertyCheck;
import io.sftpsync.boot.config.VerifyProperties;
import io.sftpsync.core.copy.WriteOptions;
import io.sftpsync.core.events.SizeClass;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code sync.transfer.*}, next to the sync-boot records a transfer service decides and verifies with. */
class TransferPropertiesTest {

    @Configuration
    @EnableConfigurationProperties({TransferProperties.class, VerifyProperties.class, ClockSkewProperties.class})
    static class Transfer {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Transfer.class)
            .withBean(UnknownPropertyCheck.class);

    @Test
    void theTransferConfigurationRegistersIt() {
        assertThat(TransferConfiguration.class.getAnnotation(EnableConfigurationProperties.class).value())
                .containsExactly(TransferProperties.class);
    }

    @Test
    void defaultsAreThoseOfTheSystemThisReplaces() {
        runner.run(ctx -> {
            TransferProperties t = ctx.getBean(TransferProperties.class);
            assertThat(t.batchSize()).isEqualTo(50);
            assertThat(t.concurrency()).isEqualTo(4);
            assertThat(t.compression().enabledFor(SizeClass.MEDIUM)).isFalse();
            assertThat(t.compression().enabledFor(SizeClass.SMALL)).isFalse();
            assertThat(t.maxAttempts()).isEqualTo(3);
            assertThat(t.backoff()).isEqualTo(Duration.ofSeconds(1));
            assertThat(t.fsync().enabledFor(SizeClass.SMALL)).isFalse();
            assertThat(t.fsync().enabledFor(SizeClass.MEDIUM)).isTrue();
        });
    }

    @Test
    void everyDocumentedSpellingIsAccepted() {
        runner.withPropertyValues("sync.transfer.batch-size=5", "sync.transfer.batchSize=5",
                "sync.transfer.compression.medium=true", "sync.verify.classes.small=none", "sync.scan.clock-skew=1s",
                "sync.transfer.fsync.small=true", "sync.transfer.fsync.medium=false")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(TransferProperties.class).writeOptions(SizeClass.SMALL, true))
                            .isEqualTo(new WriteOptions(true, true));
                    assertThat(ctx.getBean(TransferProperties.class).writeOptions(SizeClass.MEDIUM, false))
                            .isEqualTo(new WriteOptions(false, false));
                    assertThat(ctx.getBean(TransferProperties.class).compression().enabledFor(SizeClass.MEDIUM))
                            .isTrue();
                });
        // Spring ignores dashes when it matches names, so this one binds and is not a misspelling.
        runner.withPropertyValues("sync.transfer.batchsize=6")
                .run(ctx -> assertThat(ctx.getBean(TransferProperties.class).batchSize()).isEqualTo(6));
        runner.withSystemProperties("SYNC_TRANSFER_BATCH_SIZE=7").run(ctx -> assertThat(ctx).hasNotFailed());
    }

    @Test
    void anEnvironmentVariableIsCheckedAndBound() {
        runner.withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("SYNC_TRANSFER_BATCH_SIZE", "7"))))
                .run(ctx -> assertThat(ctx.getBean(TransferProperties.class).batchSize()).isEqualTo(7));
        runner.withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("SYNC_TRANSFER_BATCH_SISE", "7"))))
                .run(ctx -> assertThat(messages(ctx.getStartupFailure())).contains("'sync.transfer.batch.sise'"));
    }

    @Test
    void anUnknownTransferPropertyFailsStartUpNamingIt() {
        for (String misspelt : new String[] {"sync.transfer.batch-sise", "sync.transfer.compression.large",
                "sync.transfer.max-attempt"}) {
            runner.withPropertyValues(misspelt + "=1").run(ctx -> {
                assertThat(ctx).hasFailed();
                assertThat(messages(ctx.getStartupFailure())).contains("'" + misspelt + "'");
            });
        }
    }

    @Test
    void invalidValuesFailStartUpNamingTheProperty() {
        for (String property : new String[] {"sync.transfer.concurrency=0", "sync.transfer.batch-size=10001",
                "sync.transfer.max-attempts=101", "sync.transfer.backoff=later"}) {
            runner.withPropertyValues(property).run(ctx -> {
                assertThat(ctx).hasFailed();
                assertThat(messages(ctx.getStartupFailure())).contains(property.substring(0, property.indexOf('=')));
            });
        }
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
