package io.sftpsync.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SFTP servers in {@code /actuator/health} of a running service, over HTTP: a fresh sink whose base path
 * does not exist yet is UP, a stopped sink makes it DOWN (503) with the reason, and it is UP again once back.
 */
@SpringBootTest(classes = ScannerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBroker(partitions = 1)
class SftpHealthIT {

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/tree", "/fresh");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/tree", "/fresh");
        r.add("sync.scan.cron", () -> "-");
        r.add("sync.sftp.health-cache", () -> "1s");
        r.add("sync.sftp.health-timeout", () -> "30s");
    }

    @Test
    void eachServerIsACheckedComponentOfHealth() throws Exception {
        Response fresh = health();
        assertThat(fresh.code()).isEqualTo(200);
        assertThat(fresh.server("source")).containsEntry("status", "UP");
        assertThat(fresh.details("source")).containsEntry("basePath", "/tree");
        assertThat(fresh.server("sink")).containsEntry("status", "UP");
        assertThat(fresh.details("sink")).containsEntry("basePath", "does not exist yet")
                .containsEntry("server", "dst@127.0.0.1:" + servers.sinkServer().port() + "/fresh");

        Response ready = health("/readiness");
        assertThat(ready.code()).isEqualTo(200);
        assertThat(ready.components()).containsKeys("readinessState", "broker", "sftp").doesNotContainKey("db");
        Response live = health("/liveness");
        assertThat(live.body()).containsEntry("status", "UP");
        assertThat(live.components()).containsOnlyKeys("livenessState");

        servers.sinkServer().stop();
        try {
            Response down = await().atMost(Duration.ofSeconds(60)).until(this::health, r -> r.code() == 503);
            // Not ready without its sink, but alive: a restart would not bring the server back.
            assertThat(health("/readiness").code()).isEqualTo(503);
            assertThat(health("/liveness").code()).isEqualTo(200);
            assertThat(down.body()).containsEntry("status", "DOWN");
            assertThat(down.server("sink")).containsEntry("status", "DOWN");
            assertThat(down.details("sink").get("error")).asString().contains("Connection refused");
            assertThat(down.server("source")).containsEntry("status", "UP");
        } finally {
            servers.sinkServer().start();
        }

        Response back = await().atMost(Duration.ofSeconds(60)).until(this::health, r -> r.code() == 200);
        assertThat(back.server("sink")).containsEntry("status", "UP");
    }

    private Response health() throws IOException, InterruptedException {
        return health("");
    }

    private Response health(String group) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health" + group)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JsonParserFactory.getJsonParser().parseMap(response.body()));
    }

    @SuppressWarnings("unchecked")
    private record Response(int code, Map<String, Object> body) {

        Map<String, Object> components() {
            return (Map<String, Object>) body.get("components");
        }

        Map<String, Object> server(String name) {
            Map<String, Object> sftp = (Map<String, Object>) components().get("sftp");
            return (Map<String, Object>) ((Map<String, Object>) sftp.get("components")).get(name);
        }

        Map<String, Object> details(String name) {
            return (Map<String, Object>) server(name).get("details");
        }
    }
}
