package io.sftpsync.db.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;

/**
 * Migrates every {@link ServiceSchema} bean of the context with its own Flyway. Boot's single Flyway
 * auto-configuration is not used (sync-db does not depend on it, and {@code spring.flyway.enabled} defaults to
 * false): in the standalone mode several services share one DataSource, each with its own schema.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
@ConditionalOnSingleCandidate(DataSource.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class ServiceSchemaConfiguration {

    @Bean
    ServiceSchemaMigrations serviceSchemaMigrations(DataSource dataSource, ObjectProvider<ServiceSchema> schemas,
            ResourceLoader resourceLoader) {
        return new ServiceSchemaMigrations(dataSource, schemas.orderedStream().toList(),
                resourceLoader.getClassLoader());
    }
}
