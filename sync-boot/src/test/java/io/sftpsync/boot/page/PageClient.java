package io.sftpsync.boot.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plain HTTP to the test application as a browser sends it, cookies handled by hand (so a test sees every
 * Set-Cookie): never follows redirects.
 */
record PageClient(int port) {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Pattern CSRF = Pattern.compile(
            "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    /** The login page's session cookie and CSRF token, as a browser gets them when it opens /login. */
    record LoginForm(String cookie, String token) {
    }

    HttpResponse<String> get(String path, String cookie, String... headers) throws IOException, InterruptedException {
        return send(request(path, cookie, headers).GET().build());
    }

    HttpResponse<String> postForm(String path, String cookie, Map<String, String> form, String... headers)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(request(path, cookie, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> postJson(String path, String cookie, String... headers)
            throws IOException, InterruptedException {
        return send(request(path, cookie, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    LoginForm openLoginForm() throws IOException, InterruptedException {
        HttpResponse<String> page = get("/login", null);
        assertThat(page.statusCode()).isEqualTo(200);
        return new LoginForm(sessionCookie(page).orElseThrow(), csrfToken(page.body()));
    }

    /** The value of the page's hidden {@code _csrf} field. */
    static String csrfToken(String html) {
        Matcher token = CSRF.matcher(html);
        assertThat(token.find()).as("the form has a CSRF token: " + html).isTrue();
        return token.group(1) != null ? token.group(1) : token.group(2);
    }

    /** Logs in through the form and returns the session cookie ("JSESSIONID=..."). */
    String login(String user, String password) throws IOException, InterruptedException {
        LoginForm form = openLoginForm();
        HttpResponse<String> response = postForm("/login", form.cookie(), loginFields(user, password, form.token()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return sessionCookie(response).orElseThrow();
    }

    static Map<String, String> loginFields(String user, String password, String token) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", user);
        fields.put("password", password);
        if (token != null) {
            fields.put("_csrf", token);
        }
        return fields;
    }

    /** The "name=value" of the session cookie a response sets, if it sets one. */
    static Optional<String> sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path, String cookie, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
