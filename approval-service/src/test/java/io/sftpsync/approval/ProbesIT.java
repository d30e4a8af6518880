package io.sftpsync.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.testkit.ApiClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/** The orchestrator's probes, open without credentials: alive, and ready with the broker, database and servers. */
class ProbesIT extends ApprovalContext {

    @Test
    @SuppressWarnings("unchecked")
    void livenessIsTheProcessAndReadinessNamesTheBrokerTheDatabaseAndTheServers() {
        ApiClient anonymous = new ApiClient(port, null, null);
        HttpResponse<String> live = anonymous.get("/actuator/health/liveness");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(JsonParserFactory.getJsonParser().parseMap(live.body())).containsEntry("status", "UP");
        HttpResponse<String> ready = anonymous.get("/actuator/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        Map<String, Object> body = JsonParserFactory.getJsonParser().parseMap(ready.body());
        assertThat(body).containsEntry("status", "UP");
        assertThat((Map<String, Object>) body.get("components")).containsOnlyKeys("readinessState", "broker", "db",
                "sftp");
    }
}
