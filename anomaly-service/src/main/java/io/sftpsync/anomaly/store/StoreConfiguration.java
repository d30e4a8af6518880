package io.sftpsync.anomaly.store;

import io.sftpsync.db.schema.ServiceSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The service's schema, migrated by Flyway from db/migration/anomaly, the store over it and the API's queries. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean
    ServiceSchema anomalySchema() {
        return new ServiceSchema(HistoryStore.SCHEMA);
    }

    @Bean
    HistoryStore anomalyHistoryStore(JdbcTemplate jdbc) {
        return new HistoryStore(jdbc);
    }

    @Bean
    FileVersions anomalyFileVersions(JdbcTemplate jdbc) {
        return new FileVersions(jdbc);
    }

    @Bean
    Arrivals anomalyArrivals(JdbcTemplate jdbc) {
        return new Arrivals(jdbc);
    }

    @Bean
    AnomalyQueries anomalyQueries(JdbcTemplate jdbc) {
        return new AnomalyQueries(jdbc);
    }
}
