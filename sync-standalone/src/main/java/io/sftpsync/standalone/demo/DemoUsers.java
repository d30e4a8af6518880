package io.sftpsync.standalone.demo;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP users of a {@code --demo} run: a {@code viewer} and an {@code operator} with random passwords made for
 * this run only, printed once in a console banner (never logged, never stored), added after any configured users.
 */
public final class DemoUsers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String viewerPassword = secret();
    private final String operatorPassword = secret();

    /** The {@code sync.security.users[N].*} properties, from index {@code first} on. */
    public Map<String, Object> properties(int first) {
        Map<String, Object> p = new LinkedHashMap<>();
        put(p, first, "viewer", viewerPassword);
        put(p, first + 1, "operator", operatorPassword);
        return p;
    }

    /** The banner, on the console only: a log file or a log shipper never sees the passwords. */
    public void printBanner(PrintStream console) {
        console.println("""

                ---------------------------------------------------------------------------------------------
                 sftp-sync --demo: HTTP users for this run only (shown once here, never logged or stored)
                   viewer   / %s   may read /api/** and the operator page
                   operator / %s   may also start scans and decide approvals
                 the operator page: http://127.0.0.1:<port>/ (log in with one of these)
                 e.g. curl -u operator -H 'X-Requested-By: cli' -X POST http://127.0.0.1:<port>/api/scans
                ---------------------------------------------------------------------------------------------
                """.formatted(viewerPassword, operatorPassword));
        console.flush();
    }

    private static void put(Map<String, Object> p, int index, String role, String password) {
        String prefix = "sync.security.users[" + index + "].";
        p.put(prefix + "username", role);
        p.put(prefix + "password", "{noop}" + password);
        p.put(prefix + "roles", role);
    }

    private static String secret() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
