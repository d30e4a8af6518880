package io.sftpsync.boot.health;

import io.sftpsync.boot.config.SshTuningProperties;
import io.sftpsync.boot.sftp.SftpPools;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The SFTP servers in {@code /actuator/health}, as component {@code sftp} with {@code source} and {@code sink}:
 * every service has pools to both.
 */
@AutoConfiguration(after = io.sftpsync.boot.sftp.SftpConfiguration.class)
public class SftpHealthConfiguration {

    @Bean
    CompositeHealthContributor sftpHealthContributor(SftpPools pools, SshTuningProperties tuning) {
        Map<String, HealthIndicator> servers = new LinkedHashMap<>();
        for (boolean sink : new boolean[] {false, true}) {
            servers.put(sink ? "sink" : "source", new SftpHealthIndicator(pools.probe(sink, tuning.healthTimeout()),
                    tuning.healthTimeout(), tuning.healthCache(), Clock.systemUTC()));
        }
        return CompositeHealthContributor.fromMap(servers);
    }
}
