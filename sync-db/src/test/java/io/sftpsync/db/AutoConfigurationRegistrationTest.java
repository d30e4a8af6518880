package io.sftpsync.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.db.embedded.DataDirConfiguration;
import io.sftpsync.db.embedded.EmbeddedPostgresConfiguration;
import io.sftpsync.db.schema.ServiceSchemaConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/** The other tests import the auto-configurations by name; a service's @SpringBootApplication finds them here. */
class AutoConfigurationRegistrationTest {

    @Test
    void everyAutoConfigurationIsACandidateOfEnableAutoConfiguration() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(EmbeddedPostgresConfiguration.class.getName(), ServiceSchemaConfiguration.class.getName(),
                        DataDirConfiguration.class.getName());
    }
}
