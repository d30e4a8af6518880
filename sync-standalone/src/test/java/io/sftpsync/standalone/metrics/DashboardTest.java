package io.sftpsync.standalone.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The Grafana dashboard and the alerting rules query only metrics docs/operations.md documents: a renamed or dropped
 * meter fails here, not as an empty panel or a silent alert.
 */
class DashboardTest {

    private static final Pattern METRIC = Pattern.compile("\\bsync_[a-z0-9_]+");

    @Test
    void everyPanelQueriesOnlyDocumentedMetrics() throws IOException {
        Map<String, Object> dashboard = JsonParserFactory.getJsonParser().parseMap(
                Files.readString(deploy().resolve("grafana/dashboards/sftp-sync.json")));
        List<String> exprs = new ArrayList<>();
        collectExprs(dashboard, exprs);
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(6);
        Map<String, String> documented = MetricsTable.documented();
        for (String expr : exprs) {
            assertThat(metrics(expr)).as(expr).isNotEmpty()
                    .allSatisfy(m -> assertThat(MetricsTable.owner(m, documented)).as(m + " in " + expr).isPresent());
        }
        // The panels the operator needs: throughput, queues, failures, anomalies, approvals, large transfers.
        assertThat(String.join("\n", exprs)).contains("sync_transfer_bytes_total", "sync_consumer_lag_records",
                "status=\"failed\"", "sync_anomalies_total", "sync_approvals_pending",
                "sync_large_transfer_bytes_done_bytes");
    }

    @Test
    void everyAlertUsesOnlyDocumentedMetrics() throws IOException {
        Map<String, String> documented = MetricsTable.documented();
        Set<String> used = metrics(Files.readString(deploy().resolve("prometheus/alerts.yml")));
        assertThat(used).isNotEmpty()
                .allSatisfy(m -> assertThat(MetricsTable.owner(m, documented)).as(m).isPresent());
    }

    private static Set<String> metrics(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void collectExprs(Object node, List<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("expr".equals(k) && v instanceof String s) {
                    into.add(s);
                } else {
                    collectExprs(v, into);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectExprs(v, into));
        }
    }

    private static Path deploy() {
        return MetricsTable.operationsMd().getParent().getParent().resolve("deploy");
    }
}
