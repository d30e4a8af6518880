package io.sftpsync.standalone.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./sftp-sync replay ...}: an HTTP client of a running process's {@code /api/replay} (no Spring, so it
 * answers in a moment), printing what happened. Exit codes: {@value #DONE} done, {@value #REFUSED} refused or a bad
 * request, {@value #UNREACHABLE} cannot reach the server or not allowed (401, 403), {@value #FAILED} the server
 * failed (5xx: a replay may have published part of its records, the message says how many).
 */
public final class ReplayCommand {

    static final int DONE = 0;
    static final int REFUSED = 1;
    static final int UNREACHABLE = 2;
    static final int FAILED = 3;
    static final String PASSWORD_ENV = "SFTP_SYNC_PASSWORD";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReplayCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    /** The command's work, its streams and environment given: the exit code. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(ReplayArguments.USAGE);
            return DONE;
        }
        ReplayArguments a;
        String password;
        try {
            a = ReplayArguments.parse(args);
            password = password(a, env, err);
        } catch (IllegalArgumentException e) {
            err.println("sftp-sync replay: " + e.getMessage());
            err.print(ReplayArguments.USAGE);
            return REFUSED;
        }
        String path = a.offsets() ? "/api/replay/offsets" : "/api/replay";
        HttpResponse<String> response;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            response = client.send(HttpRequest.newBuilder(a.url().resolve(path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (a.user() + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("X-Requested-By", "sftp-sync-replay")
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(a.body()))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            err.println("sftp-sync replay: cannot reach " + a.url() + " (" + e + "): is sftp-sync running in"
                    + " continuous mode there?");
            return UNREACHABLE;
        } catch (IOException e) {
            err.println("sftp-sync replay: " + a.url() + ": " + e);
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status / 100 == 2 && body != null) {
            if (a.offsets()) {
                printOffsets(body, out);
            } else {
                printReplay(body, out);
            }
            return DONE;
        }
        String detail = body != null && body.hasNonNull("detail") ? body.get("detail").asString()
                : response.body();
        err.println("sftp-sync replay: " + status + " " + (body != null && body.hasNonNull("title")
                ? body.get("title").asString() : "") + ": " + detail);
        if (status == 401 || status == 403) {
            return UNREACHABLE;
        }
        return status / 100 == 4 ? REFUSED : FAILED;
    }

    private static String password(ReplayArguments a, Map<String, String> env, PrintStream err) {
        if (a.passwordFile() != null) {
            Path file = a.passwordFile();
            try {
                PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
                if (posix != null && posix.readAttributes().permissions().stream().anyMatch(p ->
                        p == PosixFilePermission.GROUP_READ || p == PosixFilePermission.OTHERS_READ)) {
                    err.println("sftp-sync replay: warning: other users may read " + file + ": chmod 600 " + file);
                }
                String content = Files.readString(file, StandardCharsets.UTF_8);
                content = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                        : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
                if (content.isEmpty()) {
                    throw new IllegalArgumentException("--password-file " + file + " is empty");
                }
                return content;
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--password-file " + file + " does not exist");
            } catch (IOException e) {
                throw new IllegalArgumentException("--password-file: cannot read " + file + ": " + e);
            }
        }
        String fromEnv = env.get(PASSWORD_ENV);
        if (fromEnv == null || fromEnv.isEmpty()) {
            throw new IllegalArgumentException("no password: set " + PASSWORD_ENV + " or give --password-file");
        }
        return fromEnv;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void printReplay(JsonNode r, PrintStream out) {
        boolean dryRun = r.path("dryRun").asBoolean();
        long count = r.path("count").asLong();
        if (dryRun) {
            out.println("dry run: " + count + " records of " + r.path("topic").asString() + " would be replayed to "
                    + r.path("target").asString() + " (nothing published)");
        } else {
            out.println("replayed " + count + " records of " + r.path("topic").asString() + " to "
                    + r.path("target").asString() + ": " + r.path("published").asLong() + " published");
        }
        JsonNode sample = r.path("sample");
        if (!sample.isEmpty()) {
            out.println((count > sample.size() ? "first " + sample.size() : "all " + sample.size()) + ":");
            for (JsonNode s : sample) {
                out.println("  " + s.path("partition").asInt() + "/" + s.path("offset").asLong() + "  "
                        + s.path("timestamp").asString() + "  " + s.path("key").asString(""));
            }
        }
    }

    private static void printOffsets(JsonNode r, PrintStream out) {
        out.println((r.path("dryRun").asBoolean() ? "dry run: would move" : "moved") + " the offsets of group "
                + r.path("group").asString() + " to " + r.path("timestamp").asString() + ":");
        for (JsonNode p : r.path("partitions")) {
            JsonNode from = p.path("from");
            out.println("  " + p.path("topic").asString() + "-" + p.path("partition").asInt() + "  "
                    + (from.isNull() || from.isMissingNode() ? "none" : from.asLong()) + " -> "
                    + p.path("to").asLong());
        }
    }
}
