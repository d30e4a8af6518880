package io.sftpsync.boot.page;

import io.sftpsync.boot.health.SftpHealthConfiguration;
import io.sftpsync.boot.kafka.KafkaConfiguration;
import io.sftpsync.boot.proof.ProofConfiguration;
import io.sftpsync.boot.sftp.SftpConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A web application with only the page and the HTTP security of sync-boot (no SFTP, no broker), a small API to
 * call from the page, and users {@value #VIEWER} and {@value #OPERATOR}. The tests add {@link TestViews} or not.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {SftpConfiguration.class, SftpHealthConfiguration.class, KafkaConfiguration.class,
        ProofConfiguration.class, KafkaAutoConfiguration.class})
@Import(DemoApi.class)
class PageTestApplication {

    static final String VIEWER = "vera";
    static final String VIEWER_PASSWORD = "viewer-pw";
    static final String OPERATOR = "otto";
    static final String OPERATOR_PASSWORD = "operator's secret";
}
