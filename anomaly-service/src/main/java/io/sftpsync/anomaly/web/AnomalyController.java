package io.sftpsync.anomaly.web;

import io.sftpsync.anomaly.detect.AnomalyType;
import io.sftpsync.anomaly.detect.Severity;
import io.sftpsync.anomaly.store.AnomalyQueries;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anomalies and file histories over HTTP. Reading needs a user, acknowledging an operator (sync-boot's security);
 * the acknowledging user is always the authenticated one. Parameters are taken as strings and checked here, so
 * that a 400 names the parameter.
 */
@RestController
public class AnomalyController {

    /** A page of anomalies, newest first. */
    public record Page(List<AnomalyView> items, int page, int size, long total) {
    }

    /** A path's latest versions, transfers and approval events, newest first. */
    public record History(String path, List<AnomalyQueries.VersionRow> versions,
            List<AnomalyQueries.TransferRow> transfers, List<AnomalyQueries.ApprovalRow> approvals) {
    }

    /** Versions, transfers and approval events a history shows at most, each. */
    static final int HISTORY_LIMIT = 100;
    static final int MAX_SIZE = 200;

    private final AnomalyQueries queries;
    private final Clock clock;

    public AnomalyController(AnomalyQueries queries) {
        this.queries = queries;
        this.clock = Clock.systemUTC();
    }

    /**
     * @param type         comma-separated anomaly types; all when empty
     * @param severity     comma-separated severities; all when empty
     * @param path         a substring of the path
     * @param since        an ISO-8601 instant: detected at or after it
     * @param acknowledged true or false; both when empty
     */
    @GetMapping("/api/anomalies")
    public Page list(@RequestParam(required = false) String type, @RequestParam(required = false) String severity,
            @RequestParam(required = false) String path, @RequestParam(required = false) String since,
            @RequestParam(required = false) String acknowledged, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        int p = integer("page", page, 0);
        if (p < 0) {
            throw new BadRequestException("page", "must be 0 or more");
        }
        int s = integer("size", size, 50);
        if (s < 1 || s > MAX_SIZE) {
            throw new BadRequestException("size", "must be between 1 and " + MAX_SIZE);
        }
        AnomalyQueries.Filter filter = new AnomalyQueries.Filter(names("type", type, AnomalyType.class),
                names("severity", severity, Severity.class), path == null || path.isBlank() ? null : path,
                instant("since", since), bool("acknowledged", acknowledged));
        AnomalyQueries.Found found = queries.list(filter, p, s);
        return new Page(found.rows().stream().map(AnomalyView::of).toList(), p, s, found.total());
    }

    /** Every anomaly type (the page's type filter offers them, so a new type needs no change to the page). */
    @GetMapping("/api/anomaly-types")
    public List<String> types() {
        return Arrays.stream(AnomalyType.values()).map(Enum::name).toList();
    }

    @GetMapping("/api/anomalies/{id}")
    public AnomalyView get(@PathVariable String id) {
        return AnomalyView.of(queries.find(id).orElseThrow(() -> new AnomalyNotFoundException(id)));
    }

    /** Records who acknowledged the anomaly and when; the first acknowledgement stays, a second is a 409. */
    @PostMapping("/api/anomalies/{id}/acknowledge")
    public AnomalyView acknowledge(@PathVariable String id, Authentication user) {
        AnomalyQueries.Acknowledged ack = queries.acknowledge(id, user.getName(), clock.instant())
                .orElseThrow(() -> new AnomalyNotFoundException(id));
        if (!ack.now()) {
            throw new AlreadyAcknowledgedException(id, ack.row().acknowledgedBy(), ack.row().acknowledgedAt());
        }
        return AnomalyView.of(ack.row());
    }

    /**
     * The path's versions (as first seen), transfers and approval events (requested, decided by whom, outcome),
     * newest first, the last {@value #HISTORY_LIMIT} each.
     */
    @GetMapping("/api/files/history")
    public History history(@RequestParam(required = false) String path) {
        if (path == null || path.isBlank()) {
            throw new BadRequestException("path", "is required");
        }
        return new History(path, queries.versions(path, HISTORY_LIMIT), queries.transfers(path, HISTORY_LIMIT),
                queries.approvals(path, HISTORY_LIMIT));
    }

    private static int integer(String name, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, "must be a whole number, was '" + value + "'");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, was '"
                    + value + "'");
        }
    }

    private static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestException(name, "must be true or false, was '" + value + "'");
        };
    }

    private static <E extends Enum<E>> Set<String> names(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String n = part.strip().toUpperCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            try {
                names.add(Enum.valueOf(type, n).name());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(name, "'" + part.strip() + "' is not one of "
                        + Arrays.toString(type.getEnumConstants()));
            }
        }
        return names.isEmpty() ? null : names;
    }
}
