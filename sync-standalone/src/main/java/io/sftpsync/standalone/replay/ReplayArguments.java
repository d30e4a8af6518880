package io.sftpsync.standalone.replay;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of {@code ./sftp-sync replay}: records ({@code --topic ...}) or {@code offsets} ({@code --group
 * ...}), the server's URL and user. A password is never an argument: {@code SFTP_SYNC_PASSWORD} or
 * {@code --password-file}.
 */
record ReplayArguments(boolean offsets, URI url, String user, Path passwordFile, Map<String, Object> body) {

    static final String USAGE = """
            usage: ./sftp-sync replay --topic TOPIC [--target TOPIC] [--from WHEN] [--to WHEN] [--glob GLOB]
                                      [--limit N] [--dry-run] [connection]
                   ./sftp-sync replay offsets --group GROUP [--topic TOPIC] --timestamp INSTANT [--dry-run]
                                      [connection]
              WHEN     an ISO-8601 instant (2026-12-03T10:15:30Z) or offsets per partition (0=12,1=40); inclusive
              connection: --url URL (http://127.0.0.1:8080) --user NAME (operator)
                          --password-file FILE, or the environment variable SFTP_SYNC_PASSWORD
              exit: 0 done, 1 refused or bad request, 2 cannot reach the server or not allowed, 3 the server failed
            """;

    private static final Set<String> RECORD_OPTIONS = Set.of("--topic", "--target", "--from", "--to", "--glob",
            "--limit");
    private static final Set<String> OFFSET_OPTIONS = Set.of("--group", "--topic", "--timestamp");
    private static final Set<String> CONNECTION = Set.of("--url", "--user", "--password-file");

    /** @throws IllegalArgumentException saying what is wrong */
    static ReplayArguments parse(List<String> args) {
        boolean offsets = !args.isEmpty() && args.get(0).equals("offsets");
        List<String> rest = offsets ? args.subList(1, args.size()) : args;
        Set<String> allowed = offsets ? OFFSET_OPTIONS : RECORD_OPTIONS;
        Map<String, String> values = new LinkedHashMap<>();
        boolean dryRun = false;
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (name.equals("--dry-run") && value == null) {
                dryRun = true;
                continue;
            }
            if (name.equals("--password")) {
                throw new IllegalArgumentException("a password is never an argument (ps shows it to every user):"
                        + " use SFTP_SYNC_PASSWORD or --password-file");
            }
            if (!allowed.contains(name) && !CONNECTION.contains(name)) {
                throw new IllegalArgumentException("unknown argument " + a);
            }
            if (value == null) {
                if (i + 1 >= rest.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = rest.get(++i);
            }
            values.put(name, value);
        }
        URI url = URI.create(values.getOrDefault("--url", "http://127.0.0.1:8080").replaceAll("/+$", ""));
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("--url must be http:// or https://, was " + url);
        }
        String user = values.getOrDefault("--user", "operator");
        Path passwordFile = values.containsKey("--password-file") ? Path.of(values.get("--password-file")) : null;
        Map<String, Object> body = new LinkedHashMap<>();
        if (offsets) {
            body.put("group", required(values, "--group"));
            body.put("topic", values.get("--topic"));
            body.put("timestamp", required(values, "--timestamp"));
        } else {
            body.put("topic", required(values, "--topic"));
            body.put("target", values.get("--target"));
            body.put("from", bound(values.get("--from")));
            body.put("to", bound(values.get("--to")));
            body.put("pathGlob", values.get("--glob"));
            if (values.containsKey("--limit")) {
                try {
                    body.put("limit", Integer.parseInt(values.get("--limit")));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--limit must be a number, was " + values.get("--limit"));
                }
            }
        }
        body.put("dryRun", dryRun);
        body.values().removeIf(v -> v == null);
        return new ReplayArguments(offsets, url, user, passwordFile, body);
    }

    private static String required(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    /** {@code 0=12,1=40} as a map of partition to offset; anything else is an instant, checked by the server. */
    static Object bound(String value) {
        if (value == null || !value.contains("=")) {
            return value;
        }
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            String[] kv = pair.strip().split("=", 2);
            try {
                offsets.put(String.valueOf(Integer.parseInt(kv[0].strip())), Long.parseLong(kv[1].strip()));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("'" + pair + "' is not PARTITION=OFFSET");
            }
        }
        return offsets;
    }
}
