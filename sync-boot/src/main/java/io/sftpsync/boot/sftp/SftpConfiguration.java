package io.sftpsync.boot.sftp;

import io.sftpsync.boot.config.ClockSkewProperties;
import io.sftpsync.boot.config.ConnectionProperties;
import io.sftpsync.boot.config.PermissionsProperties;
import io.sftpsync.boot.config.SshTuningProperties;
import io.sftpsync.boot.config.UnknownPropertyCheck;
import io.sftpsync.boot.config.VerifyProperties;
import io.sftpsync.boot.handlers.SizeClassHandler;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The SFTP pools, the settings every service shares (connections, SSH tuning, and how a copy is decided and
 * verified), and the check that every {@code sync.*} property given binds to a registered record.
 */
@AutoConfiguration
@EnableConfigurationProperties({ConnectionProperties.class, SshTuningProperties.class, ClockSkewProperties.class,
        VerifyProperties.class, PermissionsProperties.class})
public class SftpConfiguration {

    @Bean
    UnknownPropertyCheck unknownPropertyCheck(Environment environment, ListableBeanFactory beans) {
        return new UnknownPropertyCheck(environment, beans);
    }

    @Bean(destroyMethod = "close")
    SftpPools sftpPools(ConnectionProperties connections, SshTuningProperties tuning) {
        return new SftpPools(connections, tuning);
    }

    @Bean
    SftpPoolMetrics sftpPoolMetrics(SftpPools pools) {
        return new SftpPoolMetrics(pools);
    }

    @Bean
    SinkFsyncCheck sinkFsyncCheck(SftpPools pools, ObjectProvider<SizeClassHandler> copiers) {
        // Only where a service copies to the sink: a scanner alone never writes there.
        return new SinkFsyncCheck(pools::sink, () -> copiers.stream().findAny().isPresent());
    }
}
