package io.sftpsync.boot.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.kafka.KafkaConfiguration;
import io.sftpsync.boot.sftp.SftpConfiguration;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpEndpoint;
import io.sftpsync.core.sftp.SftpTuning;
import io.sftpsync.core.verify.VerifyMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The settings every service shares, registered and checked as sync-boot's auto-configurations do. */
class SharedPropertiesTest {

    @Configuration
    @EnableConfigurationProperties({ConnectionProperties.class, SshTuningProperties.class, ClockSkewProperties.class,
            VerifyProperties.class, TopicProperties.class, PermissionsProperties.class})
    static class Shared {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Shared.class)
            .withBean(UnknownPropertyCheck.class);

    @Test
    void syncBootsAutoConfigurationsRegisterEveryOneOfThem() {
        assertThat(Stream.of(SftpConfiguration.class, KafkaConfiguration.class)
                .flatMap(c -> Arrays.stream(c.getAnnotation(EnableConfigurationProperties.class).value())))
                .containsExactlyInAnyOrder(Shared.class.getAnnotation(EnableConfigurationProperties.class).value());
    }

    @Test
    void defaultsAreThoseOfTheSystemThisReplaces() {
        runner.run(ctx -> {
            ConnectionProperties connections = ctx.getBean(ConnectionProperties.class);
            assertThat(connections.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
            assertThat(connections.knownHosts())
                    .isEqualTo(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
            assertThat(connections.source()).isNull();
            assertThat(ctx.getBean(VerifyProperties.class).mode()).isEqualTo(VerifyMode.SIZE);
            assertThat(ctx.getBean(SshTuningProperties.class).toCore()).isEqualTo(SftpTuning.DEFAULT);
            assertThat(ctx.getBean(TopicProperties.class)).isEqualTo(new TopicProperties(6, (short) 1,
                    Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(10)));
            assertThat(ctx.getBean(ClockSkewProperties.class).clockSkew()).isEqualTo(Duration.ofSeconds(2));
            assertThat(ctx.getBean(PermissionsProperties.class).preserve()).isTrue();
        });
    }

    @Test
    void relaxedBindingOfEnumsListsAndMaps() {
        runner.withPropertyValues("sync.host-key-policy=accept-new", "sync.verify.classes.medium=checksum",
                "sync.verify.paths[0].glob=**/*.db", "sync.verify.paths[0].mode=none", "sync.source.port=2222")
                .run(ctx -> {
                    assertThat(ctx.getBean(ConnectionProperties.class).hostKeyPolicy())
                            .isEqualTo(HostKeyPolicy.ACCEPT_NEW);
                    assertThat(ctx.getBean(ConnectionProperties.class).source().basePath()).isEqualTo(".");
                    VerifyProperties verify = ctx.getBean(VerifyProperties.class);
                    assertThat(verify.classes()).containsEntry(SizeClass.MEDIUM, VerifyMode.CHECKSUM);
                    assertThat(verify.paths().get(0).mode()).isEqualTo(VerifyMode.NONE);
                });
    }

    @Test
    void invalidValuesFailStartUpNamingTheProperty() {
        assertFailsNaming("sync.source.port=70000", "sync.source.port");
        assertFailsNaming("sync.verify.mode=maybe", "sync.verify.mode");
        assertFailsNaming("sync.verify.paths[0].glob=*.x", "sync.verify.paths[0].mode");
        assertFailsNaming("sync.sftp.channels-per-session=0", "sync.sftp.channels-per-session");
        assertFailsNaming("sync.sftp.channels-per-session=11", "sync.sftp.server-max-sessions");
        assertFailsNaming("sync.topics.partitions=0", "sync.topics.partitions");
        assertFailsNaming("sync.scan.clock-skew=soon", "sync.scan.clock-skew");
        assertFailsNaming("sync.sink.max-rate=fast", "sync.sink.max-rate");
        assertFailsNaming("sync.source.max-rate=08:00,1MB 26:00,off", "sync.source.max-rate");
    }

    @Test
    void channelsPerSessionBeyondOpenSshsDefaultMaxSessionsFailUnlessTheOperatorRaisesIt() {
        runner.withPropertyValues("sync.sftp.channels-per-session=12").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(messages(ctx.getStartupFailure())).contains("sync.sftp.channels-per-session (12) exceeds "
                    + "sync.sftp.server-max-sessions (10, OpenSSH's default MaxSessions 10)");
        });
        runner.withPropertyValues("sync.sftp.channels-per-session=12", "sync.sftp.server-max-sessions=16")
                .run(ctx -> assertThat(ctx.getBean(SshTuningProperties.class).channelsPerSession()).isEqualTo(12));
    }

    @Test
    void secretsNeverShowInToString() {
        runner.withPropertyValues("sync.source.host=h", "sync.source.username=u", "sync.source.password=Hunter2!",
                "sync.source.private-key-passphrase=Pass-Phrase-9").run(ctx -> {
                    ConnectionProperties.Connection c = ctx.getBean(ConnectionProperties.class).source();
                    assertThat(c.toString()).doesNotContain("Hunter2!").doesNotContain("Pass-Phrase-9");
                    SftpEndpoint e = new SftpEndpoint("source", c.host(), c.port(), c.username(), c.password(),
                            java.nio.file.Path.of("/k"), c.privateKeyPassphrase(), c.basePath());
                    assertThat(e.toString()).doesNotContain("Hunter2!").doesNotContain("Pass-Phrase-9");
                });
    }

    private void assertFailsNaming(String property, String name) {
        runner.withPropertyValues(property).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(messages(ctx.getStartupFailure())).contains(name);
        });
    }

    static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
