package io.sftpsync.db.schema;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Boot that {@link ServiceSchemaMigrations} initialises the database, so the beans that depend on an
 * initialised database (the JPA EntityManagerFactory, JdbcTemplate, {@code @DependsOnDatabaseInitialization}
 * beans) are created after it, the way Boot's own Flyway detector does. Registered in META-INF/spring.factories.
 */
class ServiceSchemaMigrationsDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(ServiceSchemaMigrations.class);
    }
}
