package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.db.embedded.DataDirProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The all-in-one process's own settings: {@code sync.mode}, {@code sync.demo}, {@code sync.data-dir}, ... */
class StandalonePropertiesTest {

    @Configuration
    @EnableConfigurationProperties({StandaloneProperties.class, DataDirProperties.class})
    static class Standalone {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Standalone.class);

    @Test
    void theStandaloneConfigurationRegistersIt() {
        assertThat(StandaloneConfiguration.class.getAnnotation(EnableConfigurationProperties.class).value())
                .containsExactly(StandaloneProperties.class);
    }

    @Test
    void defaultsAreThoseOfTheSystemThisReplaces() {
        runner.run(ctx -> {
            StandaloneProperties p = ctx.getBean(StandaloneProperties.class);
            assertThat(p.mode()).isEqualTo(StandaloneProperties.Mode.CONTINUOUS);
            assertThat(p.demo()).isFalse();
            assertThat(p.dataDir()).isEqualTo(Path.of("./data").normalize());
            assertThat(p.standalone().kafkaPort()).isZero();
            assertThat(p.standalone().onceTimeout()).isEqualTo(Duration.ofHours(24));
            assertThat(p.standalone().verbose()).isFalse();
            assertThat(p.standalone().progressInterval()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void relaxedBindingOfTheMode() {
        runner.withPropertyValues("sync.mode=once").run(ctx -> assertThat(ctx.getBean(StandaloneProperties.class).mode())
                .isEqualTo(StandaloneProperties.Mode.ONCE));
    }

    @Test
    void invalidValuesFailStartUpNamingTheProperty() {
        // A constraint on the nested record names the field the Java way: the binding error has no origin.
        Map.of("sync.mode=sometimes", "sync.mode", "sync.demo=maybe", "sync.demo", "sync.standalone.once-timeout=never",
                "sync.standalone.once-timeout", "sync.standalone.kafka-port=70000", "sync.standalone.kafkaPort",
                "sync.standalone.progress-interval=-1s", "sync.standalone.progress-interval")
                .forEach((property, name) -> runner.withPropertyValues(property).run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(messages(ctx.getStartupFailure())).contains(name);
                }));
    }

    @Test
    void boundBeforeTheContextTheyAreWhatTheContextBinds() {
        runner.run(ctx -> assertThat(StandaloneProperties.bind(ctx.getEnvironment()))
                .isEqualTo(ctx.getBean(StandaloneProperties.class)));
        runner.withPropertyValues("sync.demo=true", "sync.data-dir=/srv/sync", "sync.standalone.kafka-port=9092",
                "sync.mode=once").run(ctx -> assertThat(StandaloneProperties.bind(ctx.getEnvironment()))
                        .isEqualTo(ctx.getBean(StandaloneProperties.class))
                        .isEqualTo(new StandaloneProperties(StandaloneProperties.Mode.ONCE, true, Path.of("/srv/sync"),
                                new StandaloneProperties.Standalone(9092, Duration.ofHours(24), false,
                                        Duration.ofSeconds(30)))));
    }

    @Test
    void theBrokerAndTheDatabaseShareOneDataDirectory() {
        runner.run(ctx -> assertThat(ctx.getBean(StandaloneProperties.class).dataDir())
                .isEqualTo(ctx.getBean(DataDirProperties.class).dataDir()));
        runner.withPropertyValues("sync.data-dir=/srv/sync").run(ctx -> assertThat(
                ctx.getBean(StandaloneProperties.class).dataDir()).isEqualTo(ctx.getBean(DataDirProperties.class).dataDir()));
    }

    static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
