package io.sftpsync.scanner.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.scanner.ScannerApplication;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without configured users nobody gets in (there is no default password), and start-up says how to add one. */
@SpringBootTest(classes = ScannerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBroker
@ExtendWith(OutputCaptureExtension.class)
class NoUsersIT {

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/tree", "/tree");

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/tree", "/tree");
        r.add("sync.scan.cron", () -> "-");
        r.add("sync.security.prometheus-public", () -> "false");
    }

    @Test
    void everyApiCallIsRefusedHealthStaysOpenAndPrometheusFollowsItsSetting(CapturedOutput output)
            throws Exception {
        ApiClient api = new ApiClient(port);
        assertThat(api.post("/api/scans?dryRun=true", "user", "password").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/scans/latest", null, null).statusCode()).isEqualTo(401);
        assertThat(api.get("/actuator/health", null, null).statusCode()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);

        assertThat(output.getAll()).contains("WARN").contains("no HTTP users are configured")
                .contains("sync.security.users[0].username")
                .doesNotContain("Using generated security password");
    }
}
