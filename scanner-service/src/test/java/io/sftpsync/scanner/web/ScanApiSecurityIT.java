package io.sftpsync.scanner.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.scanner.ScannerApplication;
import io.sftpsync.scanner.leader.Leadership;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scanner's HTTP API over real HTTP: HTTP Basic against {@code sync.security.users}, viewer reads, operator
 * starts scans, a cross-site form cannot, refusals are RFC 9457 problem details, health and (by default)
 * Prometheus stay open.
 */
@SpringBootTest(classes = ScannerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBroker
class ScanApiSecurityIT {

    static final String OPERATOR_PASSWORD = "operator's secret";

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/tree", "/tree");

    @Value("${local.server.port}")
    int port;

    @Autowired
    Scanner scanner;
    @Autowired
    Leadership leadership;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/tree", "/tree");
        r.add("sync.scan.cron", () -> "-");
        r.add("sync.security.users[0].username", () -> "vera");
        r.add("sync.security.users[0].password", () -> "{noop}viewer-pw");
        r.add("sync.security.users[0].roles", () -> "viewer");
        r.add("sync.security.users[1].username", () -> "otto");
        r.add("sync.security.users[1].password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(OPERATOR_PASSWORD));
        r.add("sync.security.users[1].roles", () -> "operator");
    }

    @Test
    void startingAScanNeedsAnOperatorAndReadingNeedsAUser() throws Exception {
        ApiClient api = new ApiClient(port);
        var anonymous = api.post("/api/scans?dryRun=true", null, null);
        assertProblem(anonymous, 401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"sftp-sync\"");
        assertProblem(api.post("/api/scans?dryRun=true", "otto", "wrong"), 401);
        assertProblem(api.post("/api/scans?dryRun=true", "vera", "viewer-pw"), 403);
        assertThat(api.get("/api/scans/latest", null, null).statusCode()).isEqualTo(401);

        // The operator's password is checked against its bcrypt hash.
        var started = api.post("/api/scans?dryRun=true", "otto", OPERATOR_PASSWORD);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(started.body()).contains("\"dryRun\":true");
        assertThat(started.headers().firstValue("Set-Cookie")).as("stateless: no session cookie").isEmpty();

        assertThat(api.get("/api/scans/latest", "vera", "viewer-pw").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/scans/latest", "otto", OPERATOR_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aScanOfASubtreeNamesItAndASubtreeOutsideTheBasePathIsRefused() throws Exception {
        ApiClient api = new ApiClient(port);
        var subtree = api.post("/api/scans?dryRun=true&subtree=docs/2026/", "otto", OPERATOR_PASSWORD);
        assertThat(subtree.statusCode()).as(subtree.body()).isEqualTo(200);
        assertThat(subtree.body()).contains("\"subtree\":\"docs/2026\"");

        Optional<ScanReport> before = scanner.last();
        for (String hostile : List.of("../etc", "/etc", "docs/../../etc")) {
            var refused = api.post("/api/scans?dryRun=true&subtree=" + URLEncoder.encode(hostile,
                    StandardCharsets.UTF_8), "otto", OPERATOR_PASSWORD);
            assertThat(refused.statusCode()).as(hostile).isEqualTo(400);
            assertThat(refused.body()).as(hostile).contains("subtree: path");
        }
        assertThat(scanner.last()).as("no scan ran").isEqualTo(before);
    }

    /** The scanner service elects a leader (a few seconds after start-up); until then it refuses to scan. */
    @BeforeEach
    void leading() throws Exception {
        awaitTrue(leadership::leading, "this scanner to lead");
    }

    /** With leader election (the scanner service's default), a scanner another one outranks scans nothing. */
    @Test
    void aScannerThatDoesNotLeadStandsByAndRefusesToScan() throws Exception {
        ApiClient api = new ApiClient(port);
        awaitTrue(leadership::leading, "this scanner to lead");
        leadership.stop();
        try (Leadership other = new Leadership(Map.of("bootstrap.servers", brokers), new Leadership.Role() {
            @Override
            public void elected() {
            }

            @Override
            public void deposed() {
            }
        })) {
            other.start();
            awaitTrue(other::leading, "the other scanner to lead");
            Optional<ScanReport> before = scanner.last();
            var refused = api.post("/api/scans?dryRun=true", "otto", OPERATOR_PASSWORD);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("this scanner stands by", "sftp.scan.requests");
            assertThat(scanner.last()).as("no scan ran").isEqualTo(before);
        } finally {
            leadership.start();
        }
        awaitTrue(leadership::leading, "this scanner to lead again");
        assertThat(api.post("/api/scans?dryRun=true", "otto", OPERATOR_PASSWORD).statusCode()).isEqualTo(200);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(java.time.Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aCrossSiteFormPostCannotStartAScanEvenWithTheBrowsersCachedCredentials() throws Exception {
        Optional<ScanReport> before = scanner.last();
        var response = new ApiClient(port).crossSiteFormPost("/api/scans", "otto", OPERATOR_PASSWORD);

        assertProblem(response, 403);
        assertThat(response.body()).contains("X-Requested-By");
        assertThat(scanner.last()).as("no scan ran").isEqualTo(before);
    }

    @Test
    void theScannerServesTheOperatorPageBehindItsLoginForm() throws Exception {
        ApiClient api = new ApiClient(port);
        var root = api.get("/", null, null);
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        var login = api.get("/login", null, null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"_csrf\"", "<label for=\"password\">");
    }

    /** An RFC 9457 problem detail with its five members. */
    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(response.body()).startsWith("{\"type\":\"about:blank\",\"title\":\"")
                .contains("\"status\":" + status + ",", "\"detail\":\"", "\"instance\":\"/api/scans\"");
    }

    @Test
    void healthAndPrometheusAreOpenOtherActuatorEndpointsNeedAUser() throws Exception {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/actuator/health", null, null).statusCode()).isEqualTo(200);
        var prometheus = api.get("/actuator/prometheus", null, null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(api.get("/actuator/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(api.get("/actuator/metrics", "vera", "viewer-pw").statusCode()).isEqualTo(200);
    }
}
