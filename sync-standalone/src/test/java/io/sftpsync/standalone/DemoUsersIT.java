package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --demo} in continuous mode, as the packaged jar: a viewer and an operator with random passwords, printed
 * once on the console and nowhere else (not in a log line, not in the log file), and they work on the API.
 */
class DemoUsersIT {

    private static final Pattern BANNER = Pattern.compile("(viewer|operator) +/ (\\S+) +may");
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    @TempDir
    Path tmp;

    @Test
    void theDemoUsersArePrintedOnceOnTheConsoleNeverLoggedAndWorkOnTheApi() throws Exception {
        Path console = tmp.resolve("console.txt");
        Path logFile = tmp.resolve("sftp-sync.log");
        // Started as ./sftp-sync starts it (its options, the start-up cache): half the start-up of the plain jar.
        List<String> command = StartupCache.javaJar();
        command.addAll(List.of("--demo", "--sync.mode=continuous", "--sync.scan.cron=-", "--server.port=0",
                "--sync.data-dir=" + tmp.resolve("data"), "--logging.file.name=" + logFile));
        Process process = StandaloneJar.startLogged(command, tmp, console);
        String viewer;
        String operator;
        int port;
        try {
            String started = awaitOutput(process, console, PORT);
            port = Integer.parseInt(match(PORT, started).group(1));
            Matcher users = BANNER.matcher(started);
            assertThat(users.find()).as(started).isTrue();
            viewer = users.group(2);
            assertThat(users.find()).as(started).isTrue();
            operator = users.group(2);

            assertThat(post(port, "viewer", viewer).statusCode()).isEqualTo(403);
            HttpResponse<String> scan = post(port, "operator", operator);
            assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
            assertThat(post(port, "operator", viewer).statusCode()).isEqualTo(401);
        } finally {
            StandaloneJar.stop(process);
        }

        String output = Files.readString(console);
        for (String password : List.of(viewer, operator)) {
            assertThat(count(output, password)).as("on the console").isEqualTo(1);
            assertThat(Files.readString(logFile)).as("in the log file").doesNotContain(password);
        }
        assertThat(Files.readString(logFile)).contains("Tomcat started on port");
    }

    private static HttpResponse<String> post(int port, String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/scans?dryRun=true"))
                .header("Authorization", "Basic " + basic).header("X-Requested-By", "test")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String awaitOutput(Process process, Path console, Pattern pattern) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            String output = Files.readString(console);
            if (pattern.matcher(output).find()) {
                return output;
            }
            assertThat(process.isAlive()).as(output).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("no " + pattern + " in\n" + Files.readString(console));
    }

    private static Matcher match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).isTrue();
        return m;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
