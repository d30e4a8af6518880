package io.sftpsync.standalone.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics docs/operations.md documents, from the table of its "Metrics" section: each name as Prometheus shows it,
 * with its type.
 */
final class MetricsTable {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_:]+)` \\| ([a-z]+) \\|.*");
    /** The series a histogram or timer adds to its documented name, and the separate gauge of its maximum. */
    private static final List<String> SUFFIXES = List.of("", "_bucket", "_count", "_sum", "_max");

    private MetricsTable() {
    }

    static Path operationsMd() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/operations.md"))) {
                return p.resolve("docs/operations.md");
            }
        }
        throw new IllegalStateException("docs/operations.md not found above " + here);
    }

    /** Name to type ({@code counter}, {@code gauge}, {@code histogram}, {@code summary}), in the table's order. */
    static Map<String, String> documented() throws IOException {
        List<String> lines = Files.readAllLines(operationsMd());
        int start = lines.indexOf("## Metrics");
        if (start < 0) {
            throw new IllegalStateException("no \"## Metrics\" section in docs/operations.md");
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                metrics.put(m.group(1), m.group(2));
            }
        }
        return metrics;
    }

    /** The documented metric a series belongs to, if any: {@code sync_transfer_duration_seconds_bucket} to its timer. */
    static java.util.Optional<String> owner(String series, Map<String, String> documented) {
        for (String suffix : SUFFIXES) {
            if (series.endsWith(suffix)) {
                String base = series.substring(0, series.length() - suffix.length());
                if (documented.containsKey(base)) {
                    return java.util.Optional.of(base);
                }
            }
        }
        return java.util.Optional.empty();
    }
}
