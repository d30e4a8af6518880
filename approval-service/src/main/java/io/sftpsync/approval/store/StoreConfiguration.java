package io.sftpsync.approval.store;

import io.sftpsync.db.schema.ServiceSchema;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;

/** The service's schema, migrated by Flyway from db/migration/approval, and its repositories. */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = StoreConfiguration.class)
@EnableJpaRepositories(basePackageClasses = StoreConfiguration.class)
public class StoreConfiguration {

    @Bean
    ServiceSchema approvalSchema() {
        return new ServiceSchema(ApprovalStore.SCHEMA);
    }

    @Bean
    ApprovalStore approvalStore(ApprovalRepository approvals, HistoryRepository history, OutboxRepository outbox,
            JdbcTemplate jdbc) {
        return new ApprovalStore(approvals, history, outbox, jdbc);
    }
}
