package io.sftpsync.large;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.boot.config.SshTuningProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class PoolFitTest {

    @Configuration
    @EnableConfigurationProperties({LargeTransferProperties.class, SshTuningProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theDefaultsFit() {
        runner.run(ctx -> assertThatCode(() -> PoolFit.check(ctx.getBean(LargeTransferProperties.class),
                ctx.getBean(SshTuningProperties.class))).doesNotThrowAnyException());
    }

    @Test
    void moreStreamsThanChannelsFailNamingEverySettingInvolved() {
        runner.withPropertyValues("sync.large.concurrency=2", "sync.large.streams=4", "sync.sftp.sessions=2",
                "sync.sftp.channels-per-session=2").run(ctx -> assertThatThrownBy(() -> PoolFit.check(
                        ctx.getBean(LargeTransferProperties.class), ctx.getBean(SshTuningProperties.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("sync.large.concurrency (2) × sync.large.streams (4) = 8 copy streams")
                .hasMessageContaining("sync.sftp.sessions (2) × sync.sftp.channels-per-session (2) = 4 channels"));
    }

    @Test
    void exactlyAsManyStreamsAsChannelsFit() {
        runner.withPropertyValues("sync.large.concurrency=1", "sync.large.streams=4", "sync.sftp.sessions=2",
                "sync.sftp.channels-per-session=2").run(ctx -> assertThatCode(() -> PoolFit.check(
                        ctx.getBean(LargeTransferProperties.class), ctx.getBean(SshTuningProperties.class)))
                .doesNotThrowAnyException());
    }
}
