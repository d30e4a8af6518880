package io.sftpsync.db.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * When no {@code spring.datasource.url} is configured, starts an {@link EmbeddedPostgresServer} on
 * {@code ${sync.data-dir}/postgres} and hands its connection to Boot's DataSource auto-configuration, which builds
 * the usual Hikari pool on it ({@code spring.datasource.hikari.*} apply). The server stops when the context
 * closes, after the pool.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(EmbeddedPostgres.class)
@ConditionalOnMissingBean({DataSource.class, JdbcConnectionDetails.class})
@Conditional(NoDataSourceUrlCondition.class)
public class EmbeddedPostgresConfiguration {

    /** The subdirectory of {@code sync.data-dir} that holds the database. */
    public static final String DIRECTORY = "postgres";

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(DataDirProperties data) throws IOException {
        return EmbeddedPostgresServer.start(data.dataDir().resolve(DIRECTORY));
    }

    @Bean
    JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgresServer server) {
        return new JdbcConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return server.jdbcUrl();
            }

            @Override
            public String getUsername() {
                return EmbeddedPostgresServer.USER;
            }

            @Override
            public String getPassword() {
                return server.password();
            }
        };
    }
}
