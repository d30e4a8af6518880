package io.sftpsync.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import io.sftpsync.db.testservice.alpha.AlphaConfiguration;
import io.sftpsync.db.testservice.alpha.AlphaNote;
import io.sftpsync.db.testservice.alpha.AlphaNoteRepository;
import io.sftpsync.db.testservice.beta.BetaConfiguration;
import io.sftpsync.db.testservice.beta.BetaEvent;
import io.sftpsync.db.testservice.beta.BetaEventRepository;
import io.sftpsync.db.testservice.unmigrated.UnmigratedConfiguration;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two services in one context, as in the standalone mode: one database, a schema and a Flyway history each. */
class ServiceSchemasIT {

    /** Shared by the tests: one initdb for the class. */
    @TempDir
    static Path dataDir;

    @Test
    void eachServiceGetsItsOwnMigratedSchemaAndWorkingRepositories() {
        try (ConfigurableApplicationContext context = DatabaseTestApplication.run(dataDir,
                List.of(AlphaConfiguration.class, BetaConfiguration.class))) {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            // Boot creates JPA after the database initialisers it knows of: ours, through its detector.
            assertThat(context.getBeanFactory().getBeanDefinition("entityManagerFactory").getDependsOn())
                    .contains("serviceSchemaMigrations");

            assertThat(jdbc.queryForList("SELECT table_schema || '.' || table_name FROM information_schema.tables"
                    + " WHERE table_schema IN ('alpha', 'beta', 'public') ORDER BY 1", String.class))
                    .containsExactly("alpha.flyway_schema_history", "alpha.note",
                            "beta.event", "beta.flyway_schema_history");
            assertThat(appliedVersions(jdbc, "alpha")).containsExactly("1");
            assertThat(appliedVersions(jdbc, "beta")).containsExactly("1", "2");

            AlphaNote note = context.getBean(AlphaNoteRepository.class).save(new AlphaNote("alpha's row"));
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            UUID id = UUID.randomUUID();
            context.getBean(BetaEventRepository.class).save(new BetaEvent(id, "copied", at, "from V2"));

            assertThat(jdbc.queryForList("SELECT text FROM alpha.note WHERE id = ?", String.class, note.getId()))
                    .containsExactly("alpha's row");
            assertThat(context.getBean(BetaEventRepository.class).findByKind("copied"))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.getId()).isEqualTo(id);
                        assertThat(e.getOccurredAt()).isEqualTo(at);
                        assertThat(e.getDetail()).isEqualTo("from V2");
                    });
        }
    }

    @Test
    void anEntityWithoutAMigratedTableStopsStartUp() {
        // ddl-auto=validate is sync-db's default: Hibernate checks the entities against the migrated schema.
        assertThatException().isThrownBy(() -> DatabaseTestApplication.run(dataDir,
                        List.of(AlphaConfiguration.class, UnmigratedConfiguration.class)).close())
                .withStackTraceContaining("missing table [alpha.never_migrated]");
    }

    private static List<String> appliedVersions(JdbcTemplate jdbc, String schema) {
        return jdbc.queryForList("SELECT version FROM " + schema + ".flyway_schema_history"
                + " WHERE success AND type = 'SQL' ORDER BY installed_rank", String.class);
    }
}
