package io.sftpsync.anomaly.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the API reads and the one thing it writes: anomalies (filtered, paged, acknowledged) and a path's history. */
public final class AnomalyQueries {

    /** A stored anomaly. */
    public record AnomalyRow(String id, String path, String type, String severity, double score, String message,
            UUID causationId, Instant detectedAt, String acknowledgedBy, Instant acknowledgedAt) {
    }

    /** The filters of a list; null or empty means "any". */
    public record Filter(Set<String> types, Set<String> severities, String path, Instant since, Boolean acknowledged) {
    }

    public record Found(List<AnomalyRow> rows, long total) {
    }

    /** A version of a file as first seen. */
    public record VersionRow(long size, Instant mtime, Instant seenAt, UUID scanId) {
    }

    /** A transfer's result. */
    public record TransferRow(String sizeClass, long bytes, long durationMs, int attempts, long resumedFrom,
            String status, String error, Instant finishedAt) {
    }

    /**
     * An approval event of a path: requested, or decided ({@code APPROVED}, {@code REJECTED}, {@code EXPIRED},
     * {@code SUPERSEDED}) by whom ({@code rule:<name>} for a policy, {@code system} for expiry and supersession).
     */
    public record ApprovalRow(String approvalId, String outcome, long size, String strategy, String decidedBy,
            String comment, Instant at) {
    }

    /** The outcome of an acknowledgement: the row as it is now, and whether this call acknowledged it. */
    public record Acknowledged(AnomalyRow row, boolean now) {
    }

    private static final String COLUMNS = "id, path, type, severity, score, message, causation_id, detected_at,"
            + " acknowledged_by, acknowledged_at";

    private final JdbcTemplate jdbc;

    public AnomalyQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of anomalies, newest first. */
    public Found list(Filter f, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (f.types() != null && !f.types().isEmpty()) {
            where.append(" AND type IN (").append(marks(f.types().size())).append(')');
            args.addAll(f.types());
        }
        if (f.severities() != null && !f.severities().isEmpty()) {
            where.append(" AND severity IN (").append(marks(f.severities().size())).append(')');
            args.addAll(f.severities());
        }
        if (f.path() != null && !f.path().isEmpty()) {
            where.append(" AND strpos(path, ?) > 0");
            args.add(f.path());
        }
        if (f.since() != null) {
            where.append(" AND detected_at >= ?");
            args.add(Timestamp.from(f.since()));
        }
        if (f.acknowledged() != null) {
            where.append(f.acknowledged() ? " AND acknowledged_at IS NOT NULL" : " AND acknowledged_at IS NULL");
        }
        long total = jdbc.queryForObject("SELECT count(*) FROM anomaly.anomalies" + where, Long.class,
                args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add(size);
        paged.add((long) page * size);
        List<AnomalyRow> rows = jdbc.query("SELECT " + COLUMNS + " FROM anomaly.anomalies" + where
                + " ORDER BY detected_at DESC, id DESC LIMIT ? OFFSET ?", AnomalyQueries::anomaly, paged.toArray());
        return new Found(rows, total);
    }

    public Optional<AnomalyRow> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM anomaly.anomalies WHERE id = ?", AnomalyQueries::anomaly, id)
                .stream().findFirst();
    }

    /**
     * Acknowledges an anomaly once: the first caller's name and time are kept.
     *
     * @return empty for an unknown id
     */
    public Optional<Acknowledged> acknowledge(String id, String user, Instant at) {
        int updated = jdbc.update("UPDATE anomaly.anomalies SET acknowledged_by = ?, acknowledged_at = ?"
                + " WHERE id = ? AND acknowledged_at IS NULL", user, Timestamp.from(at), id);
        return find(id).map(row -> new Acknowledged(row, updated == 1));
    }

    /** The path's latest versions, newest first. */
    public List<VersionRow> versions(String path, int limit) {
        return jdbc.query("SELECT size, mtime_seconds, mtime_nanos, seen_at, scan_id FROM anomaly.file_versions"
                        + " WHERE path = ? ORDER BY id DESC LIMIT ?",
                (rs, i) -> new VersionRow(rs.getLong(1), Instant.ofEpochSecond(rs.getLong(2), rs.getInt(3)),
                        rs.getTimestamp(4).toInstant(), rs.getObject(5, UUID.class)), path, limit);
    }

    /** The path's latest transfers, newest first. */
    public List<TransferRow> transfers(String path, int limit) {
        return jdbc.query("SELECT size_class, bytes, duration_ms, attempts, resumed_from, status, error, finished_at"
                        + " FROM anomaly.transfers WHERE path = ? ORDER BY id DESC LIMIT ?",
                (rs, i) -> new TransferRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()), path,
                limit);
    }

    /** The path's latest approval events, newest first. */
    public List<ApprovalRow> approvals(String path, int limit) {
        return jdbc.query("SELECT approval_id, outcome, size, strategy, decided_by, comment, at"
                        + " FROM anomaly.approvals WHERE path = ? ORDER BY at DESC, id DESC LIMIT ?",
                (rs, i) -> new ApprovalRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()), path, limit);
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static AnomalyRow anomaly(ResultSet rs, int i) throws SQLException {
        Timestamp ack = rs.getTimestamp(10);
        return new AnomalyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                rs.getString(6), rs.getObject(7, UUID.class), rs.getTimestamp(8).toInstant(), rs.getString(9),
                ack == null ? null : ack.toInstant());
    }
}
