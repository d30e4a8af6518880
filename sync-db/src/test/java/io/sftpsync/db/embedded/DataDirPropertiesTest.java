package io.sftpsync.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code sync.data-dir}, sync-db's one setting. */
class DataDirPropertiesTest {

    private static final Path DATA = Path.of("./data").normalize();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataDirConfiguration.class));

    @Test
    void defaultsToDataInTheWorkingDirectory() {
        runner.run(ctx -> assertThat(ctx.getBean(DataDirProperties.class).dataDir()).isEqualTo(DATA));
        runner.withPropertyValues("sync.data-dir=/var/lib/sftp-sync")
                .run(ctx -> assertThat(ctx.getBean(DataDirProperties.class).dataDir())
                        .isEqualTo(Path.of("/var/lib/sftp-sync")));
    }

    @Test
    void anEmptyValueKeepsTheDefault() {
        runner.withPropertyValues("sync.data-dir=").run(ctx -> assertThat(ctx.getBean(DataDirProperties.class).dataDir())
                .isEqualTo(DATA));
    }

    @Test
    void registeredAlsoWhenTheDatabaseIsConfiguredAndNothingEmbeddedStarts() {
        runner.withConfiguration(AutoConfigurations.of(EmbeddedPostgresConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example.com/sftpsync").run(ctx -> {
                    assertThat(ctx).hasSingleBean(DataDirProperties.class);
                    assertThat(ctx).doesNotHaveBean(EmbeddedPostgresServer.class);
                });
    }
}
