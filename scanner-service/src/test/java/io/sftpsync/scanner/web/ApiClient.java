package io.sftpsync.scanner.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP requests to a service on 127.0.0.1, as curl or a browser would send them. */
record ApiClient(int port) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        return send(request(path, user, password).GET().build());
    }

    /** A POST as a script sends it: credentials and the X-Requested-By header. */
    HttpResponse<String> post(String path, String user, String password) throws IOException, InterruptedException {
        return send(request(path, user, password).header("X-Requested-By", "test")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /**
     * What a hostile page's auto-submitted {@code <form method="post">} makes a browser send: the Basic credentials
     * it has cached for this origin, a form body, and no custom header.
     */
    HttpResponse<String> crossSiteFormPost(String path, String user, String password)
            throws IOException, InterruptedException {
        return send(request(path, user, password).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("dryRun=false")).build());
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
