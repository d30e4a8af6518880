package io.sftpsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP requests to a service under test on 127.0.0.1, as curl sends them (Basic credentials when given). */
public record ApiClient(int port, String user, String password) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public ApiClient as(String user, String password) {
        return new ApiClient(port, user, password);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** A POST as a script sends it: JSON, credentials and the X-Requested-By header. */
    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("X-Requested-By", "test").header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
