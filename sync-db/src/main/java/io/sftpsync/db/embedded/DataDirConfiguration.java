package io.sftpsync.db.embedded;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Registers {@link DataDirProperties} whether or not the embedded server runs, so that {@code sync.data-dir} is
 * validated and known to the unknown-property check also when {@code spring.datasource.url} is set.
 */
@AutoConfiguration
@EnableConfigurationProperties(DataDirProperties.class)
public class DataDirConfiguration {
}
