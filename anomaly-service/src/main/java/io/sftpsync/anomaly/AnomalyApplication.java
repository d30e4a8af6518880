package io.sftpsync.anomaly;

import io.sftpsync.boot.health.SftpHealthConfiguration;
import io.sftpsync.boot.sftp.SftpConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The anomaly service on its own. It reads events and never connects to an SFTP server, so it needs no {@code
 * sync.source} or {@code sync.sink}: the SFTP pools and their health are left out. Its store is plain JDBC with no
 * entity, so Hibernate is left out too (seconds of start-up for nothing); JDBC transactions take its place. In a
 * process with other services (the standalone) their JPA transaction manager serves it as well.
 */
@SpringBootApplication(exclude = {SftpConfiguration.class, SftpHealthConfiguration.class}, excludeName = {
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.metrics.HibernateMetricsAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
public class AnomalyApplication {
    public static void main(String[] args) {
        SpringApplication.run(AnomalyApplication.class, args);
    }
}
