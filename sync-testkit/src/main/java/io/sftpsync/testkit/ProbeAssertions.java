package io.sftpsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator's probes as every service must answer them over HTTP, without credentials: liveness UP (the
 * process), readiness UP naming exactly what the service needs beside its own readiness state.
 */
public final class ProbeAssertions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProbeAssertions() {
    }

    /**
     * Asserts both probes of the service on {@code port}.
     *
     * @param port       the service's HTTP port on 127.0.0.1
     * @param dependencies the readiness components besides {@code readinessState}, e.g. "broker", "db", "sftp"
     */
    public static void assertLiveAndReady(int port, String... dependencies) {
        ApiClient anonymous = new ApiClient(port, null, null);
        assertThat(status(anonymous.get("/actuator/health/liveness")).path("status").asString()).isEqualTo("UP");
        JsonNode ready = status(anonymous.get("/actuator/health/readiness"));
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("UP");
        List<String> expected = new ArrayList<>(List.of(dependencies));
        expected.add("readinessState");
        assertThat(ready.path("components").propertyNames()).as(ready.toString())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static JsonNode status(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
