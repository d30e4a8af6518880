package io.sftpsync.anomaly;

import io.sftpsync.boot.health.SftpHealthConfiguration;
import io.sftpsync.boot.sftp.SftpConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The anomaly service on its own. It reads events and never connects to an SFTP server, so it needs no {@code
 * sync.source} or {@code sync.sink}: the SFTP pools and their health are left out.
 */
@SpringBootApplication(exclude = {SftpConfiguration.class, SftpHealthConfiguration.class})
public class AnomalyApplication {
    public static void main(String[] args) {
        SpringApplication.run(AnomalyApplication.class, args);
    }
}
