package io.sftpsync.large.checkpoint;

import io.sftpsync.db.schema.ServiceSchema;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The service's schema, migrated by Flyway from db/migration/large_transfer, and its repositories. */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = CheckpointConfiguration.class)
@EnableJpaRepositories(basePackageClasses = CheckpointConfiguration.class)
public class CheckpointConfiguration {

    @Bean
    ServiceSchema largeTransferSchema() {
        return new ServiceSchema(Checkpoints.SCHEMA);
    }

    @Bean
    Checkpoints checkpoints(TransferCheckpointRepository transfers, ChunkCheckpointRepository chunks,
            PlatformTransactionManager transactions) {
        return new Checkpoints(transfers, chunks, new TransactionTemplate(transactions), Clock.systemUTC());
    }

    @Bean
    TransferLock transferLock(DataSource dataSource) {
        return new TransferLock(dataSource);
    }
}
