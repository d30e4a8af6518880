package io.sftpsync.db.testservice.unmigrated;

import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;

/** A service whose entity has no table: with ddl-auto=validate, start-up must fail. */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = UnmigratedConfiguration.class)
public class UnmigratedConfiguration {
}
