package io.sftpsync.db.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceSchemaTest {

    @Test
    void migrationsDefaultToTheConventionalLocation() {
        assertThat(new ServiceSchema("large_transfer").migrationLocation())
                .isEqualTo("classpath:db/migration/large_transfer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Large", "1st", "_x", "large-transfer", "a b", "x;drop", "public",
            "information_schema", "pg_temp"})
    void aNameThatIsNotASafeOwnSchemaIsRefused(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServiceSchema(name)).withMessageContaining(name);
    }

    @Test
    void aNameLongerThanPostgresAllowsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServiceSchema("a".repeat(64)));
        assertThat(new ServiceSchema("a".repeat(63)).schema()).hasSize(63);
    }

    @Test
    void aBlankLocationIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServiceSchema("approval", " "))
                .withMessageContaining("approval");
    }

    @Test
    void twoServicesCannotShareASchema() {
        List<ServiceSchema> schemas = List.of(new ServiceSchema("approval"),
                new ServiceSchema("approval", "classpath:db/other"));
        assertThatIllegalStateException()
                .isThrownBy(() -> new ServiceSchemaMigrations(null, schemas, getClass().getClassLoader()))
                .withMessageContaining("'approval'").withMessageContaining("classpath:db/other");
    }
}
