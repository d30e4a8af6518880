package io.sftpsync.boot.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The problem details the security filters write by hand stay valid JSON whatever the request path holds. */
class ProblemResponseTest {

    @Test
    void writesTheFiveMembersAsProblemJson() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/approvals/7/approve");
        MockHttpServletResponse response = new MockHttpServletResponse();

        ProblemResponse.write(request, response, HttpStatus.FORBIDDEN, "needs \"operator\"");

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/problem+json;charset=UTF-8");
        assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\","
                + "\"status\":403,\"detail\":\"needs \\\"operator\\\"\",\"instance\":\"/api/approvals/7/approve\"}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(ProblemResponse.quote("a\"b\\c\nd\re\tf\u0001g/é"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g/é\"");
    }

    @Test
    void theChallengeIsLeftOutForThePagesOwnCalls() throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        MockHttpServletRequest curl = new MockHttpServletRequest("GET", "/api/scans/latest");
        MockHttpServletResponse toCurl = new MockHttpServletResponse();
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/api/scans/latest");
        page.addHeader("X-Requested-With", "XMLHttpRequest");
        MockHttpServletResponse toPage = new MockHttpServletResponse();

        entryPoint.commence(curl, toCurl, null);
        entryPoint.commence(page, toPage, null);

        assertThat(toCurl.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"sftp-sync\"");
        assertThat(toPage.getHeader("WWW-Authenticate")).isNull();
        assertThat(toPage.getStatus()).isEqualTo(401);
        assertThat(toPage.getContentAsString()).contains("\"status\":401", "\"title\":\"Unauthorized\"");
    }
}
