package io.sftpsync.db.jpa;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The persistence defaults of every service, added with the lowest precedence so that any property source
 * (command line, application.properties, environment) overrides them. Registered in META-INF/spring.factories.
 * <ul>
 * <li>{@code spring.jpa.hibernate.ddl-auto=validate}: Flyway owns the schema; Hibernate only checks that the
 * entities match it, and start-up fails when they do not.</li>
 * <li>{@code spring.jpa.open-in-view=false}: no session held open across a web request; services load what
 * they need inside their transactions.</li>
 * <li>{@code spring.flyway.enabled=false}: should Boot's Flyway auto-configuration come onto the classpath, it
 * must not migrate the default schema; each service's {@code ServiceSchema} is migrated by sync-db.</li>
 * </ul>
 */
class JpaDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "sftpsyncDatabaseDefaults";

    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.jpa.hibernate.ddl-auto", "validate",
            "spring.jpa.open-in-view", "false",
            "spring.flyway.enabled", "false");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
    }
}
