package io.sftpsync.anomaly.store;

import io.sftpsync.core.events.ApprovalDecided;
import io.sftpsync.core.events.ApprovalRequested;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The history tables (schema {@code anomaly}) but the file versions ({@link FileVersions}): every write is an
 * {@code insert ... on conflict do nothing}, so a redelivered event or a repeated scan records nothing twice, and
 * every read answers "before this row" (by id), so a redelivered event is judged against the same history as the
 * first time. Plain JDBC: each statement is an upsert or a windowed lookup that JPA would only wrap, and a batch's
 * rows go in as arrays ({@code unnest}), one statement for the batch.
 */
public final class HistoryStore {

    public static final String SCHEMA = "anomaly";

    private final JdbcTemplate jdbc;

    public HistoryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a batch's transfers (the first result of a discovery wins) and ends their active entries.
     *
     * @return each result's row id, in the order of {@code results}
     */
    public long[] recordTransfers(List<TransferResult> results) {
        int n = results.size();
        String[] causes = new String[n];
        String[] events = new String[n];
        String[] paths = new String[n];
        String[] classes = new String[n];
        String[] statuses = new String[n];
        long[] bytes = new long[n];
        long[] durations = new long[n];
        int[] attempts = new int[n];
        long[] resumedFrom = new long[n];
        String[] hashes = new String[n];
        String[] errors = new String[n];
        String[] finishedAt = new String[n];
        for (int i = 0; i < n; i++) {
            TransferResult r = results.get(i);
            causes[i] = r.causationId().toString();
            events[i] = r.eventId().toString();
            paths[i] = r.path();
            classes[i] = r.sizeClass() == null ? null : r.sizeClass().name();
            statuses[i] = r.status().name();
            bytes[i] = r.bytes();
            durations[i] = r.durationMs();
            attempts[i] = r.attempts();
            resumedFrom[i] = r.resumedFrom();
            hashes[i] = r.sha256();
            errors[i] = r.error();
            finishedAt[i] = r.finishedAt().toString();
        }
        jdbc.update("INSERT INTO anomaly.transfers (causation_id, event_id, path, size_class, status, bytes,"
                + " duration_ms, attempts, resumed_from, sha256, error, finished_at) SELECT c::uuid, e::uuid, p, sc,"
                + " st, b, d, a, rf, h, er, f::timestamptz FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::bigint[], ?::bigint[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[])"
                + " WITH ORDINALITY AS q(c, e, p, sc, st, b, d, a, rf, h, er, f, ord) ORDER BY ord"
                + " ON CONFLICT (causation_id) DO NOTHING", causes, events, paths, classes, statuses, bytes,
                durations, attempts, resumedFrom, hashes, errors, finishedAt);
        jdbc.update("DELETE FROM anomaly.active_transfers WHERE causation_id = ANY (?::uuid[])", (Object) causes);
        long[] ids = new long[n];
        jdbc.query("SELECT q.ord, t.id FROM unnest(?::uuid[]) WITH ORDINALITY AS q(c, ord)"
                + " JOIN anomaly.transfers t ON t.causation_id = q.c", rs -> {
                    ids[rs.getInt(1) - 1] = rs.getLong(2);
                }, (Object) causes);
        return ids;
    }

    /**
     * Records a batch's progress: the latest event of each transfer wins, and a transfer that already has a result
     * is not made active again by a late one.
     */
    public void recordProgress(List<TransferProgress> events) {
        Map<UUID, TransferProgress> latest = new LinkedHashMap<>();
        for (TransferProgress p : events) {
            latest.merge(p.causationId(), p, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        int n = latest.size();
        String[] causes = new String[n];
        String[] paths = new String[n];
        long[] done = new long[n];
        long[] totals = new long[n];
        String[] at = new String[n];
        int i = 0;
        for (TransferProgress p : latest.values()) {
            causes[i] = p.causationId().toString();
            paths[i] = p.path();
            done[i] = p.bytesDone();
            totals[i] = p.totalBytes();
            at[i++] = p.at().toString();
        }
        // One row per transfer in the statement: an upsert may not touch a row twice.
        jdbc.update("INSERT INTO anomaly.active_transfers (causation_id, path, bytes_done, total_bytes,"
                + " last_progress_at) SELECT c::uuid, p, b, t, a::timestamptz FROM unnest(?::text[], ?::text[],"
                + " ?::bigint[], ?::bigint[], ?::text[]) AS q(c, p, b, t, a) WHERE NOT EXISTS"
                + " (SELECT 1 FROM anomaly.transfers x WHERE x.causation_id = q.c::uuid)"
                + " ON CONFLICT (causation_id) DO UPDATE SET bytes_done = excluded.bytes_done,"
                + " last_progress_at = excluded.last_progress_at"
                + " WHERE excluded.last_progress_at > active_transfers.last_progress_at",
                causes, paths, done, totals, at);
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

    /** An anomaly to store, unless one with its dedupe key is stored. */
    public record NewAnomaly(String id, String dedupeKey, String path, String type, String severity, double score,
            String message, UUID causationId, Instant detectedAt) {
    }

    /**
     * Stores the anomalies whose dedupe keys are not stored yet (the first of a key wins within the list too), with
     * one statement.
     *
     * @return those stored now (to be counted; {@link #lockUnpublished} hands them to the relay)
     */
    public List<NewAnomaly> storeAnomalies(List<NewAnomaly> anomalies) {
        int n = anomalies.size();
        String[] ids = new String[n];
        String[] keys = new String[n];
        String[] paths = new String[n];
        String[] types = new String[n];
        String[] severities = new String[n];
        double[] scores = new double[n];
        String[] messages = new String[n];
        String[] causes = new String[n];
        String[] at = new String[n];
        Map<String, NewAnomaly> byId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            NewAnomaly a = anomalies.get(i);
            ids[i] = a.id();
            keys[i] = a.dedupeKey();
            paths[i] = a.path();
            types[i] = a.type();
            severities[i] = a.severity();
            scores[i] = a.score();
            messages[i] = a.message();
            causes[i] = a.causationId() == null ? null : a.causationId().toString();
            at[i] = a.detectedAt().toString();
            byId.put(a.id(), a);
        }
        List<NewAnomaly> stored = new ArrayList<>();
        jdbc.query("INSERT INTO anomaly.anomalies (id, dedupe_key, path, type, severity, score, message,"
                + " causation_id, detected_at) SELECT i, k, p, t, s, sc, m, c::uuid, a::timestamptz"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[],"
                + " ?::text[], ?::text[]) WITH ORDINALITY AS q(i, k, p, t, s, sc, m, c, a, ord) ORDER BY ord"
                + " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id", rs -> {
                    stored.add(byId.get(rs.getString(1)));
                }, ids, keys, paths, types, severities, scores, messages, causes, at);
        return stored;
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
