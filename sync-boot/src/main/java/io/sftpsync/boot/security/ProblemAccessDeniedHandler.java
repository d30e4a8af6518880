package io.sftpsync.boot.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** The API's 403 for a user whose role does not allow the request, as a problem detail. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        ProblemResponse.write(request, response, HttpStatus.FORBIDDEN, "your role may not " + request.getMethod()
                + " " + request.getRequestURI() + ": it needs the role operator");
    }
}
