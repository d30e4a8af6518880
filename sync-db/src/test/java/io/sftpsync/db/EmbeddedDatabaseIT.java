package io.sftpsync.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.sftpsync.db.embedded.EmbeddedPostgresServer;
import io.sftpsync.db.testservice.alpha.AlphaConfiguration;
import io.sftpsync.db.testservice.alpha.AlphaNote;
import io.sftpsync.db.testservice.alpha.AlphaNoteRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Which database a service gets: the embedded one under sync.data-dir, or the configured server. */
class EmbeddedDatabaseIT {

    @TempDir
    Path dataDir;

    @Test
    void withoutAUrlAnEmbeddedServerKeepsItsDataUnderTheDataDirAcrossRestarts() {
        Path postgresDir = dataDir.resolve("postgres");
        List<Class<?>> alpha = List.of(AlphaConfiguration.class);
        try (ConfigurableApplicationContext first = DatabaseTestApplication.run(dataDir, alpha)) {
            assertThat(postgresDir.resolve("PG_VERSION")).isRegularFile();
            assertThat(postgresDir.resolve("postmaster.pid")).isRegularFile();
            assertThat(jdbcUrl(first)).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/postgres");
            first.getBean(AlphaNoteRepository.class).save(new AlphaNote("kept across restarts"));
        }
        // pg_ctl stop removes the pid file once the server is down.
        assertThat(postgresDir.resolve("postmaster.pid")).doesNotExist();

        try (ConfigurableApplicationContext second = DatabaseTestApplication.run(dataDir, alpha)) {
            assertThat(second.getBean(AlphaNoteRepository.class).findAll())
                    .extracting(AlphaNote::getText).containsExactly("kept across restarts");
            JdbcTemplate jdbc = new JdbcTemplate(second.getBean(DataSource.class));
            // V1 ran once, on the first start.
            assertThat(jdbc.queryForList("SELECT version FROM alpha.flyway_schema_history WHERE success"
                    + " AND version IS NOT NULL AND type = 'SQL'", String.class)).containsExactly("1");
        }
    }

    @Test
    void withAUrlTheConfiguredServerIsUsedAndNothingEmbeddedStarts() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://localhost:" + external.getPort() + "/postgres";
            try (ConfigurableApplicationContext context = DatabaseTestApplication.run(dataDir,
                    List.of(AlphaConfiguration.class), "spring.datasource.url=" + url,
                    "spring.datasource.username=postgres")) {
                assertThat(context.getBeanProvider(EmbeddedPostgresServer.class).getIfAvailable()).isNull();
                assertThat(jdbcUrl(context)).isEqualTo(url);
                context.getBean(AlphaNoteRepository.class).save(new AlphaNote("on the configured server"));
            }
            assertThat(dataDir.resolve("postgres")).doesNotExist();
            JdbcTemplate jdbc = new JdbcTemplate(external.getPostgresDatabase());
            assertThat(jdbc.queryForList("SELECT text FROM alpha.note", String.class))
                    .containsExactly("on the configured server");
        }
    }

    private static String jdbcUrl(ConfigurableApplicationContext context) {
        return ((HikariDataSource) context.getBean(DataSource.class)).getJdbcUrl();
    }
}
