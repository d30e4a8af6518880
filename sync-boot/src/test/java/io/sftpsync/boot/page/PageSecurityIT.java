package io.sftpsync.boot.page;

import static io.sftpsync.boot.page.PageTestApplication.OPERATOR;
import static io.sftpsync.boot.page.PageTestApplication.OPERATOR_PASSWORD;
import static io.sftpsync.boot.page.PageTestApplication.VIEWER;
import static io.sftpsync.boot.page.PageTestApplication.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page's security over real HTTP, without a browser: form login with CSRF tokens, the session cookie's
 * attributes, the API accepting the page's session without ever creating one, and its problem-detail refusals.
 */
@PageTest
class PageSecurityIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    @Autowired
    DemoApi demo;

    PageClient client() {
        return new PageClient(port);
    }

    @Test
    void anUnauthenticatedVisitorIsSentToTheLoginFormAndTheAssetsNeedNoLogin() throws Exception {
        HttpResponse<String> root = client().get("/", null);
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> login = client().get("/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<label for=\"username\">", "<label for=\"password\">", "autofocus",
                "type=\"password\"");
        assertThat(login.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));

        HttpResponse<String> script = client().get("/ui/app.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(script.body()).contains("export function registerView");
        assertThat(client().get("/ui/app.css", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theLoginFormNeedsItsCsrfTokenAndAGoodLoginGetsAStrictHttpOnlySessionCookie() throws Exception {
        PageClient client = client();
        PageClient.LoginForm form = client.openLoginForm();

        HttpResponse<String> withoutToken = client.postForm("/login", form.cookie(),
                PageClient.loginFields(OPERATOR, OPERATOR_PASSWORD, null));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(PageClient.sessionCookie(withoutToken)).as("no login happened").isEmpty();

        HttpResponse<String> wrongPassword = client.postForm("/login", form.cookie(),
                PageClient.loginFields(OPERATOR, "wrong", form.token()));
        assertThat(wrongPassword.statusCode()).isEqualTo(302);
        assertThat(wrongPassword.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(client.get("/login?error", form.cookie()).body()).contains("Wrong user name or password.");

        HttpResponse<String> loggedIn = client.postForm("/login", form.cookie(),
                PageClient.loginFields(OPERATOR, OPERATOR_PASSWORD, form.token()));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String setCookie = loggedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(setCookie).as("the session id changes at login").doesNotStartWith(form.cookie() + ";");
        assertThat(setCookie.toLowerCase()).contains("httponly", "samesite=strict");

        HttpResponse<String> shell = client.get("/", PageClient.sessionCookie(loggedIn).orElseThrow());
        assertThat(shell.statusCode()).isEqualTo(200);
        assertThat(shell.body()).contains("data-user=\"otto\"", "data-role=\"operator\"",
                "id=\"tab-demo\"", ">Demo</button>", "id=\"tab-second\"", ">Second</button>",
                "src=\"/ui/app.js\"", "src=\"/ui/test/demo.js\"", "src=\"/ui/test/second.js\"", "href=\"/ui/app.css\"",
                "action=\"/logout\"", "name=\"_csrf\"")
                .doesNotContain("Nothing to show");
    }

    @Test
    void aCrossSiteLogoutWithoutTheTokenIsRefusedAndTheSessionStays() throws Exception {
        PageClient client = client();
        String session = client.login(OPERATOR, OPERATOR_PASSWORD);

        HttpResponse<String> logout = client.postForm("/logout", session, Map.of(), "Origin", "https://evil.example");
        assertThat(logout.statusCode()).isEqualTo(403);
        assertThat(client.get("/", session).statusCode()).as("still logged in").isEqualTo(200);
        assertThat(client.get("/logout", session).statusCode()).as("GET does not log out").isNotEqualTo(302);
        assertThat(client.get("/", session).statusCode()).isEqualTo(200);
    }

    @Test
    void theApiAcceptsThePageSessionAndStillGuardsChangesByHeaderAndRole() throws Exception {
        PageClient client = client();
        String operator = client.login(OPERATOR, OPERATOR_PASSWORD);
        String viewer = client.login(VIEWER, VIEWER_PASSWORD);

        HttpResponse<String> read = client.get("/api/demo", viewer);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("user").asString()).isEqualTo(VIEWER);

        int posts = demo.posts.get();
        HttpResponse<String> noHeader = client.postJson("/api/demo", operator);
        assertProblem(noHeader, 403, "/api/demo").contains("X-Requested-By");
        assertThat(demo.posts.get()).as("nothing ran").isEqualTo(posts);

        HttpResponse<String> byViewer = client.postJson("/api/demo", viewer, "X-Requested-By", "page");
        assertProblem(byViewer, 403, "/api/demo").contains("operator");
        assertThat(demo.posts.get()).isEqualTo(posts);

        HttpResponse<String> byOperator = client.postJson("/api/demo", operator, "X-Requested-By", "page");
        assertThat(byOperator.statusCode()).as(byOperator.body()).isEqualTo(200);
        assertThat(JSON.readTree(byOperator.body()).get("user").asString()).isEqualTo(OPERATOR);
        assertThat(demo.posts.get()).isEqualTo(posts + 1);

        // Logging out ends the session for the API too.
        String token = PageClient.csrfToken(client.get("/", operator).body());
        HttpResponse<String> logout = client.postForm("/logout", operator, Map.of("_csrf", token));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        assertThat(client.get("/api/demo", operator).statusCode()).isEqualTo(401);
    }

    @Test
    void withoutCredentialsTheApiAnswers401AsAProblemWithTheBasicChallengeUnlessAskedByAScript() throws Exception {
        PageClient client = client();
        HttpResponse<String> plain = client.get("/api/demo", null);
        assertProblem(plain, 401, "/api/demo").contains("/login");
        assertThat(plain.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"sftp-sync\"");

        HttpResponse<String> script = client.get("/api/demo", null, "X-Requested-With", "XMLHttpRequest");
        assertProblem(script, 401, "/api/demo");
        assertThat(script.headers().firstValue("WWW-Authenticate")).isEmpty();

        HttpResponse<String> wrongPassword = client.get("/api/demo", null,
                "Authorization", PageClient.basic(OPERATOR, "wrong"));
        assertProblem(wrongPassword, 401, "/api/demo");
        assertThat(wrongPassword.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"sftp-sync\"");
    }

    @Test
    void noApiCallCreatesASession() throws Exception {
        PageClient client = client();
        String basic = PageClient.basic(OPERATOR, OPERATOR_PASSWORD);
        for (HttpResponse<String> response : new HttpResponse[] {
                client.get("/api/demo", null),
                client.get("/api/demo", null, "Authorization", basic),
                client.postJson("/api/demo", null, "Authorization", basic, "X-Requested-By", "cli"),
                client.postJson("/api/demo", null, "Authorization", basic),
                client.postJson("/api/demo", null, "Authorization", PageClient.basic(VIEWER, VIEWER_PASSWORD),
                        "X-Requested-By", "cli")}) {
            assertThat(response.headers().allValues("Set-Cookie")).as(response.uri() + " " + response.statusCode())
                    .isEmpty();
        }
        assertThat(client.get("/api/demo", null, "Authorization", basic).statusCode()).isEqualTo(200);
    }

    /** Asserts an RFC 9457 problem detail and returns an assertion on its detail text. */
    private static AbstractStringAssert<?> assertProblem(HttpResponse<String> response,
            int status, String instance) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo(status == 401 ? "Unauthorized" : "Forbidden");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("instance").asString()).isEqualTo(instance);
        return assertThat(problem.get("detail").asString()).isNotBlank();
    }
}
