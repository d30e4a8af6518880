package io.sftpsync.boot.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The API's 401: a problem detail with the Basic challenge for curl and scripts, without it for the page's own
 * fetch calls ({@code X-Requested-With: XMLHttpRequest}), so the browser never pops up its Basic dialog.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String CHALLENGE = "Basic realm=\"sftp-sync\"";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        ProblemResponse.write(request, response, HttpStatus.UNAUTHORIZED,
                "this request needs a user: HTTP Basic credentials, or a session from the login page at /login");
    }
}
