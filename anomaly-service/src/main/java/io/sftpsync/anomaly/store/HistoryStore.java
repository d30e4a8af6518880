package io.sftpsync.anomaly.store;

import io.sftpsync.anomaly.detect.NamePattern;
import io.sftpsync.core.events.ApprovalDecided;
import io.sftpsync.core.events.ApprovalRequested;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The history tables (schema {@code anomaly}): every write is an {@code insert ... on conflict do nothing}, so a
 * redelivered event or a repeated scan records nothing twice, and every read answers "before this row" (by id), so
 * a redelivered event is judged against the same history as the first time. Plain JDBC: each statement is an
 * upsert or a windowed lookup that JPA would only wrap.
 */
public final class HistoryStore {

    public static final String SCHEMA = "anomaly";

    private final JdbcTemplate jdbc;

    public HistoryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a version of a file (first sighting wins) and returns its row's id. */
    public long recordVersion(FileDiscovered e) {
        String path = e.path();
        int slash = path.lastIndexOf('/');
        jdbc.update("INSERT INTO anomaly.file_versions (path, directory, pattern, size, mtime_seconds, mtime_nanos,"
                        + " size_class, seen_at, scan_id, causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT ON CONSTRAINT file_versions_version DO NOTHING",
                path, slash < 0 ? "" : path.substring(0, slash), NamePattern.of(path), e.size(),
                e.sourceMtime().getEpochSecond(), e.sourceMtime().getNano(), e.sizeClass().name(),
                Timestamp.from(e.discoveredAt()), e.scanId(), e.eventId());
        // Its first version is its arrival (LATE_ARRIVAL, Arrivals).
        jdbc.update("INSERT INTO anomaly.arrivals (path, directory, pattern, scan_id, first_seen_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (path) DO NOTHING", path,
                slash < 0 ? "" : path.substring(0, slash), NamePattern.of(path), e.scanId(),
                Timestamp.from(e.discoveredAt()));
        return jdbc.queryForObject("SELECT id FROM anomaly.file_versions WHERE path = ? AND size = ?"
                        + " AND mtime_seconds = ? AND mtime_nanos = ?", Long.class, path, e.size(),
                e.sourceMtime().getEpochSecond(), e.sourceMtime().getNano());
    }

    /** The path's own sizes seen before version {@code before}, newest first. */
    public List<Long> pathSizes(String path, long before, int limit) {
        return jdbc.queryForList("SELECT size FROM anomaly.file_versions WHERE path = ? AND id < ?"
                + " ORDER BY id DESC LIMIT ?", Long.class, path, before, limit);
    }

    /** The sizes of other paths of a name pattern seen before version {@code before}, newest first. */
    public List<Long> patternSizes(String pattern, String path, long before, int limit) {
        return jdbc.queryForList("SELECT size FROM anomaly.file_versions WHERE pattern = ? AND path <> ? AND id < ?"
                + " ORDER BY id DESC LIMIT ?", Long.class, pattern, path, before, limit);
    }

    /** The latest size of each other path of a directory seen before version {@code before}. */
    public List<Long> directorySizes(String directory, String path, long before, int limit) {
        return jdbc.queryForList("SELECT size FROM (SELECT DISTINCT ON (path) path, size, id"
                + " FROM anomaly.file_versions WHERE directory = ? AND path <> ? AND id < ?"
                + " ORDER BY path, id DESC) latest ORDER BY id DESC LIMIT ?", Long.class, directory, path, before,
                limit);
    }

    /** Records a transfer (first result of a discovery wins) and returns its row's id. */
    public long recordTransfer(TransferResult r) {
        jdbc.update("INSERT INTO anomaly.transfers (causation_id, event_id, path, size_class, status, bytes,"
                        + " duration_ms, attempts, resumed_from, sha256, error, finished_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (causation_id) DO NOTHING",
                r.causationId(), r.eventId(), r.path(), r.sizeClass() == null ? null : r.sizeClass().name(),
                r.status().name(), r.bytes(), r.durationMs(), r.attempts(), r.resumedFrom(), r.sha256(), r.error(),
                Timestamp.from(r.finishedAt()));
        jdbc.update("DELETE FROM anomaly.active_transfers WHERE causation_id = ?", r.causationId());
        return jdbc.queryForObject("SELECT id FROM anomaly.transfers WHERE causation_id = ?", Long.class,
                r.causationId());
    }

    /**
     * Records a transfer's progress: the latest event wins, and a transfer that already has a result is not made
     * active again by a late one.
     */
    public void recordProgress(TransferProgress p) {
        jdbc.update("INSERT INTO anomaly.active_transfers (causation_id, path, bytes_done, total_bytes,"
                        + " last_progress_at) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS"
                        + " (SELECT 1 FROM anomaly.transfers WHERE causation_id = ?)"
                        + " ON CONFLICT (causation_id) DO UPDATE SET bytes_done = excluded.bytes_done,"
                        + " last_progress_at = excluded.last_progress_at"
                        + " WHERE excluded.last_progress_at > active_transfers.last_progress_at",
                p.causationId(), p.path(), p.bytesDone(), p.totalBytes(), Timestamp.from(p.at()), p.causationId());
    }

    /** An active transfer whose last progress is older than a check's limit. */
    public record ActiveTransfer(UUID causationId, String path, long bytesDone, long totalBytes,
            Instant lastProgressAt) {
    }

    /** The active transfers without progress since {@code before}. */
    public List<ActiveTransfer> silentSince(Instant before) {
        return jdbc.query("SELECT causation_id, path, bytes_done, total_bytes, last_progress_at"
                        + " FROM anomaly.active_transfers WHERE last_progress_at < ? ORDER BY last_progress_at",
                (rs, i) -> new ActiveTransfer(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), rs.getTimestamp(5).toInstant()), Timestamp.from(before));
    }

    /** Failures of the path recorded before transfer {@code before}. */
    public int earlierFailures(String path, long before) {
        return jdbc.queryForObject("SELECT count(*) FROM anomaly.transfers WHERE path = ? AND id < ? AND status = ?",
                Integer.class, path, before, TransferStatus.FAILED.name());
    }

    /**
     * Bytes a second of the class's successful transfers that sent bytes and lasted at least {@code minDurationMs},
     * before {@code before}, newest first.
     */
    public List<Double> classThroughput(String sizeClass, long minDurationMs, long before, int limit) {
        return jdbc.queryForList("SELECT bytes * 1000.0 / GREATEST(duration_ms, 1) FROM anomaly.transfers"
                + " WHERE size_class = ? AND status = 'SUCCEEDED' AND bytes > 0 AND duration_ms >= ? AND id < ?"
                + " ORDER BY id DESC LIMIT ?", Double.class, sizeClass, minDurationMs, before, limit);
    }

    /** Records a scan (once) and returns its row's id. */
    public long recordScan(ScanCompleted s, long bytesQueued) {
        jdbc.update("INSERT INTO anomaly.scans (scan_id, files_seen, bytes_queued, finished_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (scan_id) DO NOTHING", s.scanId(), s.filesSeen(), bytesQueued,
                Timestamp.from(s.finishedAt()));
        return jdbc.queryForObject("SELECT id FROM anomaly.scans WHERE scan_id = ?", Long.class, s.scanId());
    }

    /** Files seen by the scans before {@code before}, newest first. */
    public List<Long> recentFilesSeen(long before, int limit) {
        return jdbc.queryForList("SELECT files_seen FROM anomaly.scans WHERE id < ? ORDER BY id DESC LIMIT ?",
                Long.class, before, limit);
    }

    /** Bytes queued by the scans before {@code before}, newest first. */
    public List<Long> recentBytesQueued(long before, int limit) {
        return jdbc.queryForList("SELECT bytes_queued FROM anomaly.scans WHERE id < ? ORDER BY id DESC LIMIT ?",
                Long.class, before, limit);
    }

    /** Records an approval request of a path (once per event). */
    public void recordApproval(ApprovalRequested a) {
        jdbc.update("INSERT INTO anomaly.approvals (event_id, approval_id, path, size, outcome, at)"
                        + " VALUES (?, ?, ?, ?, 'REQUESTED', ?) ON CONFLICT (event_id) DO NOTHING", a.eventId(),
                a.approvalId(), a.path(), a.size(), Timestamp.from(a.requestedAt()));
    }

    /** Records an approval's decision (once per event). */
    public void recordApproval(ApprovalDecided d) {
        jdbc.update("INSERT INTO anomaly.approvals (event_id, approval_id, path, size, outcome, strategy, decided_by,"
                        + " comment, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                d.eventId(), d.approvalId(), d.path(), d.size(), d.decision(),
                d.strategy() == null ? null : d.strategy().name(), d.decidedBy(), d.comment(),
                Timestamp.from(d.decidedAt()));
    }

    /**
     * Stores an anomaly unless one with the same dedupe key is stored.
     *
     * @return true when it is new (and must be published), false when it was already there
     */
    /** A stored anomaly not yet published. */
    public record PendingAnomaly(String id, String path, String type, String severity, double score, String message,
            UUID causationId, Instant detectedAt) {
    }

    /**
     * Locks up to {@code limit} unpublished anomalies, oldest first, skipping those another transaction holds; call
     * within a transaction.
     */
    public List<PendingAnomaly> lockUnpublished(int limit) {
        return jdbc.query("SELECT id, path, type, severity, score, message, causation_id, detected_at"
                + " FROM anomaly.anomalies WHERE published_at IS NULL ORDER BY detected_at, id LIMIT ?"
                + " FOR UPDATE SKIP LOCKED", (rs, n) -> new PendingAnomaly(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getString(6), rs.getObject(7, UUID.class),
                rs.getTimestamp(8).toInstant()), limit);
    }

    public void markPublished(List<String> ids, Instant at) {
        if (!ids.isEmpty()) {
            jdbc.update("UPDATE anomaly.anomalies SET published_at = ? WHERE id = ANY (?)", Timestamp.from(at),
                    ids.toArray(String[]::new));
        }
    }

    public boolean storeAnomaly(String id, String dedupeKey, String path, String type, String severity, double score,
            String message, UUID causationId, Instant detectedAt) {
        return jdbc.update("INSERT INTO anomaly.anomalies (id, dedupe_key, path, type, severity, score, message,"
                + " causation_id, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
                id, dedupeKey, path, type, severity, score, message, causationId, Timestamp.from(detectedAt)) == 1;
    }

    /** A stored anomaly, as the risk gate weighs it. */
    public record StoredAnomaly(String id, String type, String severity, double score, String message) {
    }

    /** The anomalies stored under any of the given dedupe keys, oldest first. */
    public List<StoredAnomaly> anomaliesByKey(List<String> dedupeKeys) {
        if (dedupeKeys.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(dedupeKeys.size(), "?"));
        return jdbc.query("SELECT id, type, severity, score, message FROM anomaly.anomalies WHERE dedupe_key IN ("
                        + marks + ") ORDER BY detected_at, id",
                (rs, i) -> new StoredAnomaly(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                        rs.getString(5)), dedupeKeys.toArray());
    }

    /**
     * Deletes history older than {@code cutoff}: file versions first seen, transfers finished and scans finished
     * before it, active transfers silent since before it, approval events before it, and the arrivals of paths
     * with no version left. Anomalies are kept.
     *
     * @return rows deleted
     */
    public int deleteHistoryBefore(Instant cutoff) {
        Timestamp t = Timestamp.from(cutoff);
        return jdbc.update("DELETE FROM anomaly.file_versions WHERE seen_at < ?", t)
                + jdbc.update("DELETE FROM anomaly.transfers WHERE finished_at < ?", t)
                + jdbc.update("DELETE FROM anomaly.scans WHERE finished_at < ?", t)
                + jdbc.update("DELETE FROM anomaly.active_transfers WHERE last_progress_at < ?", t)
                + jdbc.update("DELETE FROM anomaly.approvals WHERE at < ?", t)
                + jdbc.update("DELETE FROM anomaly.arrivals a WHERE first_seen_at < ? AND NOT EXISTS"
                        + " (SELECT 1 FROM anomaly.file_versions v WHERE v.path = a.path)", t);
    }
}
