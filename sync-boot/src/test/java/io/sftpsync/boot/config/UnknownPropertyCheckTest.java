package io.sftpsync.boot.config;

import static io.sftpsync.boot.config.SharedPropertiesTest.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The check against sync-boot's records and those of a module it does not know, as a later service registers
 * its own (here {@code sync.approval.*}).
 */
class UnknownPropertyCheckTest {

    @ConfigurationProperties("sync.approval")
    record ApprovalProperties(Duration timeout, Map<String, String> notes, List<Rule> rules) {
        record Rule(String glob, int priority) {
        }
    }

    @ConfigurationProperties(prefix = "spring.other")
    record NotOurs(int size) {
    }

    @Configuration
    @EnableConfigurationProperties(ApprovalProperties.class)
    static class ApprovalModule {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SharedPropertiesTest.Shared.class).withBean(UnknownPropertyCheck.class);

    @Test
    void anUnknownSyncPropertyFailsStartUpNamingItAndWhereItCameFrom() {
        runner.withPropertyValues("sync.sorce.host=x").run(ctx -> assertThat(messages(ctx.getStartupFailure()))
                .contains("unknown configuration 'sync.sorce.host' (\"sync.sorce.host\" from property source"
                        + " \"test\"): check the spelling (docs/configuration.md lists every sync.* setting)"));
        for (String misspelt : List.of("sync.verify.paths[0].glb", "sync.sftp.sesions", "sync.topics.partitons",
                "sync.scan.clock-skw", "sync.known-host", "sync.source.host.name", "sync.verify.classes")) {
            runner.withPropertyValues(misspelt + "=x").run(ctx -> {
                assertThat(ctx).hasFailed();
                assertThat(messages(ctx.getStartupFailure())).contains("'" + misspelt + "'");
            });
        }
    }

    @Test
    void everySpellingSpringBindsIsAccepted() {
        runner.withPropertyValues("sync.source.private-key=/k", "sync.sink.privateKey=/k", "sync.sink.PRIVATEKEY=/k",
                "sync.verify.paths[0].glob=*.x", "sync.verify.paths[0].mode=none", "sync.verify.classes.small=none",
                "sync.sftp.channels-per-session=2", "sync.scan.clock-skew=1s", "sync.topics.replicas=1")
                .run(ctx -> assertThat(ctx).hasNotFailed());
    }

    @Test
    void environmentVariablesAreCheckedInTheirOwnForm() {
        runner.withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(environment(Map.of(
                "SYNC_SFTP_CHANNELS_PER_SESSION", "2", "SYNC_VERIFY_PATHS_0_GLOB", "*.x", "SYNC_VERIFY_PATHS_0_MODE",
                "none", "SYNC_KNOWN_HOSTS", "/k")))).run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(SshTuningProperties.class).channelsPerSession()).isEqualTo(2);
                });
        runner.withInitializer(ctx -> ctx.getEnvironment().getPropertySources()
                .addFirst(environment(Map.of("SYNC_SFTP_CHANELS", "2"))))
                .run(ctx -> assertThat(messages(ctx.getStartupFailure())).contains("'sync.sftp.chanels'"));
    }

    @Test
    void aRecordRegisteredByAnotherModuleIsKnownWithoutTouchingSyncBoot() {
        runner.withUserConfiguration(ApprovalModule.class).withPropertyValues("sync.approval.timeout=1m",
                "sync.approval.notes.anything=x", "sync.approval.rules[0].glob=*.iso", "sync.approval.rules[0].priority=1",
                "sync.source.port=22").run(ctx -> assertThat(ctx).hasNotFailed());
        runner.withUserConfiguration(ApprovalModule.class).withPropertyValues("sync.approval.timout=1m")
                .run(ctx -> assertThat(messages(ctx.getStartupFailure())).contains("'sync.approval.timout'"));
    }

    @Test
    void aSettingOfAModuleNotInTheContextIsUnknownThere() {
        runner.withPropertyValues("sync.approval.timeout=1m", "sync.large.streams=2").run(ctx -> assertThat(
                messages(ctx.getStartupFailure())).contains("'sync.approval.timeout'", "'sync.large.streams'"));
    }

    @Test
    void theRecordsAreFoundFromTheirDefinitionsWithoutCreatingThem() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerBeanDefinition("approval", new RootBeanDefinition(ApprovalProperties.class));
        beans.registerBeanDefinition("other", new RootBeanDefinition(NotOurs.class));
        beans.registerBeanDefinition("plain", new RootBeanDefinition(String.class));

        assertThat(UnknownPropertyCheck.settingsRecords(beans)).containsExactly(
                new UnknownPropertyCheck.Bound(ConfigurationPropertyName.of("sync.approval"), ApprovalProperties.class));
        assertThat(beans.getSingletonNames()).isEmpty();
    }

    private static SystemEnvironmentPropertySource environment(Map<String, Object> variables) {
        return new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                variables);
    }
}
