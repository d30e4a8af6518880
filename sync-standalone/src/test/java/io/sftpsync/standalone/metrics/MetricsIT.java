package io.sftpsync.standalone.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.standalone.StandaloneContext;
import io.sftpsync.testkit.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/**
 * What an operator's Prometheus sees after a small sync of every class, scraped over HTTP from the process that runs
 * every service: the documented counters moved, every {@code sync_*} series is documented in docs/operations.md and
 * every documented one is there, and the liveness and readiness probes answer UP naming the broker, the database and
 * the SFTP servers. The context is shared with other classes, so "moved" is measured against a scrape taken just
 * before this class's sync, of its own files in {@code metrics/}.
 */
class MetricsIT extends StandaloneContext {

    static final String TREE = "metrics";

    @BeforeAll
    static void tree() throws IOException {
        Path root = sourceDir(TREE);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 4; i++) {
            write(root, "small/f" + i + ".bin", 1_000 + i * 700, Instant.now().minusSeconds(86_400), random);
        }
        write(root, "small/ancient.txt", 50, Instant.parse("2001-02-03T04:05:06Z"), random);
        write(root, "medium/m.bin", 20_000, Instant.now().minusSeconds(86_400), random);
        write(root, "big/large.bin", 100_000, Instant.now().minusSeconds(86_400), random);
        write(root, "big/oversized.bin", 300_000, Instant.now().minusSeconds(86_400), random);
    }

    /** Counters, histograms and gauges a sync of every class must move up, by the series' name and labels. */
    private static final Map<String, Map<String, String>> MOVED_BY_A_SYNC = Map.ofEntries(
            Map.entry("sync_scan_files_seen_total", Map.of()),
            Map.entry("sync_scan_duration_seconds_count", Map.of()),
            Map.entry("sync_scan_files_queued_total", Map.of("class", "small")),
            Map.entry("sync_scan_bytes_queued_total", Map.of("class", "large")),
            Map.entry("sync_transfer_files_total", Map.of("class", "medium", "status", "succeeded")),
            Map.entry("sync_transfer_bytes_total", Map.of("class", "large", "status", "succeeded")),
            Map.entry("sync_transfer_duration_seconds_count", Map.of("class", "small", "status", "succeeded")),
            Map.entry("sync_transfer_throughput_bytes_per_second_count", Map.of("class", "large")),
            Map.entry("sync_approvals_pending", Map.of()),
            Map.entry("sync_approvals_oldest_pending_age_seconds", Map.of()),
            Map.entry("sync_anomalies_total", Map.of("type", "OLD_FILE")));

    /** Documented series that only exist while something happens (a large copy runs, someone decides). */
    private static final Set<String> ONLY_WHILE_IT_HAPPENS = Set.of("sync_large_transfer_bytes_done_bytes",
            "sync_large_transfer_bytes_total_bytes", "sync_approvals_decisions_total");

    @Test
    void afterASmallSyncEveryServiceShowsItsDocumentedMetricsAndItsProbesAreUp() throws Exception {
        PrometheusText before = scrape();
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            scan(TREE, false);
            List<TransferResult> got = results.await(7, r -> r.key().startsWith(TREE + "/"), Duration.ofSeconds(40))
                    .stream()
                    .map(r -> EventCodec.decode(r.value(), TransferResult.class)).toList();
            assertThat(got).extracting(TransferResult::status).containsOnly(TransferStatus.SUCCEEDED);
        }

        // The large files' group commits its offset just after publishing the result, and the lag is measured
        // every second: wait for a measurement taken after that commit.
        PrometheusText scraped = await().atMost(Duration.ofSeconds(20)).until(this::scrape,
                s -> MOVED_BY_A_SYNC.entrySet().stream().allMatch(e -> moved(before, s, e.getKey(), e.getValue()))
                        && !s.named("sync_consumer_lag_records").isEmpty()
                        && s.sum("sync_consumer_lag_records", Map.of("group", "large-files",
                                "topic", Topics.FILES_LARGE)) == 0
                        && s.sum("sync_transfer_bytes_in_flight_bytes", Map.of()) == 0);
        MOVED_BY_A_SYNC.forEach((name, labels) -> assertThat(scraped.sum(name, labels)).as(name + labels)
                .isGreaterThan(before.sum(name, labels)));
        // Every group of every service, per topic: the large files' group caught up once its file is done.
        assertThat(scraped.named("sync_consumer_lag_records")).extracting(s -> s.labels().get("group"))
                .contains("transfer-files", "large-files", "scanner-results", "scanner-requests", "approvals",
                        "approvals-transfers", "anomalies");
        assertThat(scraped.sum("sync_consumer_lag_records", Map.of("group", "large-files",
                "topic", Topics.FILES_LARGE))).isZero();
        assertThat(scraped.sum("sync_transfer_bytes_in_flight_bytes", Map.of())).isZero();
        assertThat(scraped.named("sync_transfer_bytes_in_flight_bytes")).extracting(s -> s.labels().get("class"))
                .containsExactlyInAnyOrder("small", "medium", "large", "oversized");
        // A few fixed buckets per histogram, not the default ~70.
        assertThat(scraped.named("sync_transfer_duration_seconds_bucket")
                .stream().filter(s -> s.labels().get("class").equals("small")
                        && s.labels().get("status").equals("succeeded"))).hasSizeLessThan(12);

        Map<String, String> documented = MetricsTable.documented();
        Set<String> undocumented = new TreeSet<>();
        Set<String> present = new TreeSet<>();
        for (PrometheusText.Sample s : scraped.samples()) {
            if (s.name().startsWith("sync_")) {
                MetricsTable.owner(s.name(), documented).ifPresentOrElse(present::add, () -> undocumented.add(s.name()));
            }
        }
        assertThat(undocumented).as("series missing from docs/operations.md's Metrics table").isEmpty();
        Set<String> absent = new TreeSet<>(documented.keySet());
        absent.removeAll(present);
        absent.removeAll(ONLY_WHILE_IT_HAPPENS);
        assertThat(absent).as("documented in docs/operations.md but not exposed").isEmpty();

        Map<String, Object> liveness = health("liveness", 200);
        assertThat(liveness).containsEntry("status", "UP");
        Map<String, Object> readiness = health("readiness", 200);
        assertThat(readiness).containsEntry("status", "UP");
        assertThat(components(readiness)).containsKeys("broker", "db", "sftp", "readinessState");
        assertThat(components(readiness).get("broker")).asString().contains("status=UP");
    }

    private static boolean moved(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.sum(name, labels) > before.sum(name, labels);
    }

    private PrometheusText scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private Map<String, Object> health(String probe, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/health/" + probe);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JsonParserFactory.getJsonParser().parseMap(response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> components(Map<String, Object> health) {
        return (Map<String, Object>) health.get("components");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void write(Path root, String relative, int size, Instant mtime, SplittableRandom random)
            throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }
}
