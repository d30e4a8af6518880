package io.sftpsync.db.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs Flyway once per {@link ServiceSchema} when the context starts: each schema is created when missing, keeps
 * its own history table and is migrated from its own location, so services sharing one database (the standalone
 * mode) never see each other's migrations. JPA, JDBC templates and beans marked
 * {@code @DependsOnDatabaseInitialization} start after it ({@link ServiceSchemaMigrationsDetector}).
 */
public final class ServiceSchemaMigrations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ServiceSchemaMigrations.class);

    private final DataSource dataSource;
    private final List<ServiceSchema> schemas;
    private final ClassLoader classLoader;

    /**
     * @param dataSource  the database holding every schema
     * @param schemas     the schemas to migrate; no two with the same name
     * @param classLoader where {@code classpath:} migration locations are looked up
     */
    public ServiceSchemaMigrations(DataSource dataSource, List<ServiceSchema> schemas, ClassLoader classLoader) {
        this.dataSource = dataSource;
        this.schemas = List.copyOf(schemas);
        this.classLoader = classLoader;
        Map<String, ServiceSchema> byName = new HashMap<>();
        for (ServiceSchema schema : this.schemas) {
            ServiceSchema other = byName.putIfAbsent(schema.schema(), schema);
            if (other != null) {
                throw new IllegalStateException("two services declare the schema '" + schema.schema() + "' ("
                        + other.migrationLocation() + " and " + schema.migrationLocation()
                        + "): each service needs a schema of its own");
            }
        }
    }

    @Override
    public void afterPropertiesSet() {
        schemas.forEach(this::migrate);
    }

    private void migrate(ServiceSchema schema) {
        MigrateResult result = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .schemas(schema.schema())
                .defaultSchema(schema.schema())
                .createSchemas(true)
                .locations(schema.migrationLocation())
                // A misspelt location or migration name would otherwise leave the schema silently unmigrated.
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load()
                .migrate();
        log.info("schema {}: {} migration(s) applied from {}, at version {}", schema.schema(),
                result.migrationsExecuted, schema.migrationLocation(),
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
    }
}
