package io.sftpsync.boot.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF protection for a stateless API: a browser sends cached Basic credentials with a cross-site form POST, but
 * neither a form nor a cross-origin request without a CORS preflight (which this API never allows) can carry a
 * custom header. So a state-changing request without {@value #HEADER} is refused with 403 before it runs. The page's
 * session cookie is {@code SameSite=Strict} as well, and the page's scripts send the header.
 */
final class RequestedByHeaderFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Requested-By";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = request.getHeader(HEADER);
        if (!SAFE_METHODS.contains(request.getMethod()) && (value == null || value.isBlank())) {
            ProblemResponse.write(request, response, HttpStatus.FORBIDDEN, "a " + request.getMethod()
                    + " request needs the header " + HEADER + " (any value, e.g. " + HEADER + ": cli)");
            return;
        }
        chain.doFilter(request, response);
    }
}
