package io.sftpsync.db.testservice.alpha;

import io.sftpsync.db.schema.ServiceSchema;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** A service's database wiring as every service writes it: its schema, its entities, its repositories. */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = AlphaConfiguration.class)
@EnableJpaRepositories(basePackageClasses = AlphaConfiguration.class)
public class AlphaConfiguration {

    public static final String SCHEMA = "alpha";

    @Bean
    ServiceSchema alphaSchema() {
        return new ServiceSchema(SCHEMA);
    }
}
