package io.sftpsync.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The orchestrator's probes over HTTP, open without credentials: alive, and ready with what the service needs. */
@SpringBootTest(classes = TransferApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBroker
class ProbesIT {

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/", "/");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/", "/");
    }

    @Test
    @SuppressWarnings("unchecked")
    void livenessIsTheProcessAndReadinessNamesWhatTheServiceNeeds() throws Exception {
        HttpResponse<String> live = get("/actuator/health/liveness");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(JsonParserFactory.getJsonParser().parseMap(live.body())).containsEntry("status", "UP");
        HttpResponse<String> ready = get("/actuator/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        Map<String, Object> body = JsonParserFactory.getJsonParser().parseMap(ready.body());
        assertThat(body).containsEntry("status", "UP");
        assertThat((Map<String, Object>) body.get("components")).containsOnlyKeys("readinessState", "broker", "sftp");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
