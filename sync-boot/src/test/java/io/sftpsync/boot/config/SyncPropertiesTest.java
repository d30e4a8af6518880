package io.sftpsync.boot.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpEndpoint;
import io.sftpsync.core.verify.VerifyMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SyncPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(SyncProperties.class)
    static class Props {
        @org.springframework.context.annotation.Bean
        UnknownPropertyCheck check(org.springframework.core.env.Environment env) {
            return new UnknownPropertyCheck(env);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Props.class);

    @Test
    void defaultsAreThoseOfTheSystemThisReplaces() {
        runner.run(ctx -> {
            SyncProperties p = ctx.getBean(SyncProperties.class);
            assertThat(p.thresholds().toCore().small()).isEqualTo(100L << 20);
            assertThat(p.thresholds().toCore().large()).isEqualTo(1L << 30);
            assertThat(p.thresholds().toCore().max()).isEqualTo(10L << 30);
            assertThat(p.transfer().batchSize()).isEqualTo(50);
            assertThat(p.transfer().concurrency()).isEqualTo(4);
            assertThat(p.transfer().compression().enabledFor(SizeClass.MEDIUM)).isFalse();
            assertThat(p.scan().cron()).isEqualTo("0 0 0 * * *");
            assertThat(p.scan().minAge()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
            assertThat(p.verify().mode()).isEqualTo(VerifyMode.SIZE);
            assertThat(p.mode()).isEqualTo(SyncProperties.Mode.CONTINUOUS);
        });
    }

    @Test
    void relaxedBindingOfEnumsListsAndMaps() {
        runner.withPropertyValues("sync.host-key-policy=accept-new", "sync.mode=once", "sync.scan.include=*.csv,a/**",
                "sync.verify.classes.medium=checksum", "sync.verify.paths[0].glob=**/*.db",
                "sync.verify.paths[0].mode=none", "sync.thresholds.small=8KB").run(ctx -> {
                    SyncProperties p = ctx.getBean(SyncProperties.class);
                    assertThat(p.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
                    assertThat(p.mode()).isEqualTo(SyncProperties.Mode.ONCE);
                    assertThat(p.scan().include()).containsExactly("*.csv", "a/**");
                    assertThat(p.verify().classes()).containsEntry(SizeClass.MEDIUM, VerifyMode.CHECKSUM);
                    assertThat(p.verify().paths().get(0).mode()).isEqualTo(VerifyMode.NONE);
                    assertThat(p.thresholds().small().toBytes()).isEqualTo(8192);
                });
    }

    @Test
    void anUnknownSyncPropertyFailsStartUpNamingIt() {
        runner.withPropertyValues("sync.transfer.batch-sise=10").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(rootMessage(ctx.getStartupFailure()) + ctx.getStartupFailure().getMessage())
                    .contains("sync.transfer.batch-sise");
        });
        runner.withPropertyValues("sync.sorce.host=x").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("sync.verify.paths[0].glb=x").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("sync.scan.cron.extra=x").run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void everyDocumentedSpellingOfAKnownPropertyIsAccepted() {
        runner.withPropertyValues("sync.transfer.batch-size=5", "sync.transfer.batchSize=5",
                "sync.verify.paths[0].glob=*.x", "sync.verify.paths[0].mode=none", "sync.verify.classes.small=none",
                "sync.scan.include[0]=a", "sync.scan.exclude=b,c", "sync.source.private-key=/k",
                "sync.standalone.once-timeout=1m").run(ctx -> assertThat(ctx).hasNotFailed());
        runner.withSystemProperties("SYNC_TRANSFER_BATCH_SIZE=7").run(ctx -> assertThat(ctx).hasNotFailed());
    }

    @Test
    void invalidValuesFailStartUp() {
        runner.withPropertyValues("sync.transfer.concurrency=0").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("sync.source.port=70000").run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("sync.verify.mode=maybe").run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void secretsNeverShowInToString() {
        runner.withPropertyValues("sync.source.host=h", "sync.source.username=u", "sync.source.password=Hunter2!",
                "sync.source.private-key-passphrase=Pass-Phrase-9").run(ctx -> {
                    SyncProperties.Connection c = ctx.getBean(SyncProperties.class).source();
                    assertThat(c.toString()).doesNotContain("Hunter2!").doesNotContain("Pass-Phrase-9");
                    SftpEndpoint e = new SftpEndpoint("source", c.host(), c.port(), c.username(), c.password(),
                            java.nio.file.Path.of("/k"), c.privateKeyPassphrase(), c.basePath());
                    assertThat(e.toString()).doesNotContain("Hunter2!").doesNotContain("Pass-Phrase-9");
                });
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
