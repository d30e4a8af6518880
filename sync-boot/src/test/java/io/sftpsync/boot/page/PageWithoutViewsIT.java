package io.sftpsync.boot.page;

import static io.sftpsync.boot.page.PageTestApplication.VIEWER;
import static io.sftpsync.boot.page.PageTestApplication.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** A service that contributes no view (the scanner alone) says so plainly instead of showing empty tabs. */
@SpringBootTest(classes = PageTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "sync.security.users[0].username=" + VIEWER,
            "sync.security.users[0].password={noop}" + VIEWER_PASSWORD,
            "sync.security.users[0].roles=viewer"})
class PageWithoutViewsIT {

    @Value("${local.server.port}")
    int port;

    @Test
    void theShellSaysThereIsNothingToShow() throws Exception {
        PageClient client = new PageClient(port);
        HttpResponse<String> shell = client.get("/", client.login(VIEWER, VIEWER_PASSWORD));

        assertThat(shell.statusCode()).isEqualTo(200);
        assertThat(shell.body()).contains("Nothing to show in this service", "data-user=\"vera\"",
                "data-role=\"viewer\"", "action=\"/logout\"")
                .doesNotContain("role=\"tablist\"", "role=\"tab\"", "/ui/test/");
    }
}
