package io.sftpsync.boot.sftp;

import io.sftpsync.boot.config.SyncProperties;
import io.sftpsync.boot.config.UnknownPropertyCheck;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Registers the validated properties and the SFTP pools. */
@AutoConfiguration
@EnableConfigurationProperties(SyncProperties.class)
public class SftpConfiguration {

    @Bean
    UnknownPropertyCheck unknownPropertyCheck(org.springframework.core.env.Environment environment) {
        return new UnknownPropertyCheck(environment);
    }

    @Bean(destroyMethod = "close")
    SftpPools sftpPools(SyncProperties properties) {
        return new SftpPools(properties);
    }
}
