package io.sftpsync.db.testservice.beta;

import io.sftpsync.db.schema.ServiceSchema;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** A second service with its own schema and packages, as approval and anomaly will sit beside large-transfer. */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = BetaConfiguration.class)
@EnableJpaRepositories(basePackageClasses = BetaConfiguration.class)
public class BetaConfiguration {

    public static final String SCHEMA = "beta";

    @Bean
    ServiceSchema betaSchema() {
        return new ServiceSchema(SCHEMA, "classpath:db/migration/beta");
    }
}
