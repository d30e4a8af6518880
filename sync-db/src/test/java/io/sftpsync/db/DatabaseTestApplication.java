package io.sftpsync.db;

import io.sftpsync.db.embedded.DataDirConfiguration;
import io.sftpsync.db.embedded.EmbeddedPostgresConfiguration;
import io.sftpsync.db.schema.ServiceSchemaConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The persistence auto-configurations a service gets, without the Kafka and SFTP ones (which would need a broker
 * and servers), started as a real SpringApplication so that sync-db's EnvironmentPostProcessor applies too.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({DataDirConfiguration.class, EmbeddedPostgresConfiguration.class,
        DataSourceAutoConfiguration.class, ServiceSchemaConfiguration.class, HibernateJpaAutoConfiguration.class,
        TransactionAutoConfiguration.class})
public class DatabaseTestApplication {

    /**
     * Starts a context with {@code sync.data-dir} set to {@code dataDir}.
     *
     * @param services   the services' configurations (their ServiceSchema, @EntityScan, @EnableJpaRepositories)
     * @param properties further {@code name=value} properties
     */
    public static ConfigurableApplicationContext run(Path dataDir, List<Class<?>> services, String... properties) {
        List<Class<?>> sources = new ArrayList<>(services);
        sources.add(DatabaseTestApplication.class);
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("sync.data-dir=" + dataDir);
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .properties(all.toArray(String[]::new))
                .run();
    }
}
