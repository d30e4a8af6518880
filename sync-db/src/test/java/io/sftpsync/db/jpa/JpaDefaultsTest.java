package io.sftpsync.db.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class JpaDefaultsTest {

    @Test
    void setsTheDefaultsWhenNothingElseDoes() {
        StandardEnvironment environment = new StandardEnvironment();
        new JpaDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("validate");
        assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
        assertThat(environment.getProperty("spring.flyway.enabled")).isEqualTo("false");
    }

    @Test
    void anyConfiguredValueWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.properties",
                Map.of("spring.jpa.hibernate.ddl-auto", "none", "spring.jpa.open-in-view", "true")));
        new JpaDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("none");
        assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("true");
    }
}
