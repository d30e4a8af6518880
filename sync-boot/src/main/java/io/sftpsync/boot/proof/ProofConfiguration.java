package io.sftpsync.boot.proof;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The approval proof key, for the services that sign approvals or check them. */
@AutoConfiguration
@EnableConfigurationProperties(ProofProperties.class)
public class ProofConfiguration {

    @Bean
    ProofKey proofKey(ProofProperties properties) {
        return ProofKey.of(properties);
    }
}
