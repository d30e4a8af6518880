package io.sftpsync.standalone;

import io.sftpsync.boot.handlers.SizeClassHandler;
import io.sftpsync.scanner.ScanProperties;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.standalone.once.OnceRunner;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** What only the all-in-one process has: its settings and the once mode. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StandaloneProperties.class)
class StandaloneConfiguration {

    @Bean
    @ConditionalOnProperty(name = "sync.mode", havingValue = "once")
    OnceRunner onceRunner(Scanner scanner, KafkaProperties kafka, List<SizeClassHandler> handlers,
            ScanProperties scan, StandaloneProperties standalone, Environment env) {
        StandaloneProperties.Standalone once = standalone.standalone();
        String logFile = env.getProperty("logging.file.name");
        return new OnceRunner(scanner, kafka, handlers, new OnceRunner.Settings(scan.dryRun(), once.onceTimeout(),
                once.progressInterval(), logFile == null ? null : Path.of(logFile)));
    }
}
