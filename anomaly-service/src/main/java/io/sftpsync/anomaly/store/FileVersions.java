package io.sftpsync.anomaly.store;

import io.sftpsync.anomaly.detect.NamePattern;
import io.sftpsync.core.events.FileDiscovered;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every observed version of a path ({@code anomaly.file_versions}, with the path's arrival) and the size histories
 * a version is judged against, a whole consumed batch at a time: one statement per step for the batch, not per
 * file, since a sync of thousands of small files sends them in batches of hundreds. Each history answers "before
 * this row" (by id), so a redelivered discovery is judged against what the first delivery was, and a file of the
 * batch is judged against those before it in the same batch.
 */
public final class FileVersions {

    /**
     * A directory's history is the latest size of each other path among its newest {@value} × limit versions: a
     * bounded index scan however large the directory grows.
     */
    static final int DIRECTORY_SPAN = 4;

    private final JdbcTemplate jdbc;

    public FileVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A recorded version: its row and what its histories are looked up by. */
    public record Version(long id, String path, String directory, String pattern) {

        /** Whether the name has a pattern other than itself ({@code report-2026-11-30.csv}, not {@code a.txt}). */
        public boolean hasPattern() {
            return !pattern.equals(path);
        }
    }

    /**
     * Records each discovery's version (first sighting wins) and its path's arrival (first version wins).
     *
     * @return the versions, in the order of {@code events}
     */
    public List<Version> record(List<FileDiscovered> events) {
        int n = events.size();
        String[] paths = new String[n];
        String[] directories = new String[n];
        String[] patterns = new String[n];
        long[] sizes = new long[n];
        long[] seconds = new long[n];
        int[] nanos = new int[n];
        String[] classes = new String[n];
        String[] seenAt = new String[n];
        String[] scans = new String[n];
        String[] causes = new String[n];
        for (int i = 0; i < n; i++) {
            FileDiscovered e = events.get(i);
            paths[i] = e.path();
            int slash = e.path().lastIndexOf('/');
            directories[i] = slash < 0 ? "" : e.path().substring(0, slash);
            patterns[i] = NamePattern.of(e.path());
            sizes[i] = e.size();
            seconds[i] = e.sourceMtime().getEpochSecond();
            nanos[i] = e.sourceMtime().getNano();
            classes[i] = e.sizeClass().name();
            seenAt[i] = e.discoveredAt().toString();
            scans[i] = e.scanId().toString();
            causes[i] = e.eventId().toString();
        }
        // WITH ORDINALITY keeps the batch's order in the ids, so a later file of the batch sees the earlier ones.
        jdbc.update("INSERT INTO anomaly.file_versions (path, directory, pattern, size, mtime_seconds, mtime_nanos,"
                + " size_class, seen_at, scan_id, causation_id) SELECT p, d, pt, s, ms, mn, c, sa::timestamptz,"
                + " sc::uuid, ca::uuid FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],"
                + " ?::int[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY"
                + " AS q(p, d, pt, s, ms, mn, c, sa, sc, ca, ord) ORDER BY ord"
                + " ON CONFLICT ON CONSTRAINT file_versions_version DO NOTHING",
                paths, directories, patterns, sizes, seconds, nanos, classes, seenAt, scans, causes);
        jdbc.update("INSERT INTO anomaly.arrivals (path, directory, pattern, scan_id, first_seen_at)"
                + " SELECT p, d, pt, sc::uuid, sa::timestamptz FROM unnest(?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[]) WITH ORDINALITY AS q(p, d, pt, sc, sa, ord) ORDER BY ord"
                + " ON CONFLICT (path) DO NOTHING", paths, directories, patterns, scans, seenAt);
        long[] ids = new long[n];
        jdbc.query("SELECT q.ord, v.id FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::int[]) WITH ORDINALITY"
                + " AS q(p, s, ms, mn, ord) JOIN anomaly.file_versions v ON v.path = q.p AND v.size = q.s"
                + " AND v.mtime_seconds = q.ms AND v.mtime_nanos = q.mn", rs -> {
                    ids[rs.getInt(1) - 1] = rs.getLong(2);
                }, paths, sizes, seconds, nanos);
        List<Version> versions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            versions.add(new Version(ids[i], paths[i], directories[i], patterns[i]));
        }
        return versions;
    }

    /** Each version's path's own sizes seen before it, newest first, at most {@code limit}. */
    public List<List<Long>> pathSizes(List<Version> versions, int limit) {
        return perVersion(versions, v -> true, "SELECT q.ord, v.size FROM unnest(?::text[], ?::text[],"
                + " ?::bigint[]) WITH ORDINALITY AS q(k, p, before, ord) CROSS JOIN LATERAL (SELECT size, id"
                + " FROM anomaly.file_versions WHERE path = q.k AND id < q.before ORDER BY id DESC LIMIT ?) v"
                + " ORDER BY q.ord, v.id DESC", Version::path, limit);
    }

    /**
     * Each version's name pattern's sizes of other paths seen before it, newest first, at most {@code limit}; empty
     * for a name without a pattern.
     */
    public List<List<Long>> patternSizes(List<Version> versions, int limit) {
        return perVersion(versions, Version::hasPattern, "SELECT q.ord, v.size FROM unnest(?::text[], ?::text[],"
                + " ?::bigint[]) WITH ORDINALITY AS q(k, p, before, ord) CROSS JOIN LATERAL (SELECT size, id"
                + " FROM anomaly.file_versions WHERE pattern = q.k AND path <> q.p AND id < q.before"
                + " ORDER BY id DESC LIMIT ?) v ORDER BY q.ord, v.id DESC", Version::pattern, limit);
    }

    /**
     * Each version's directory's sizes of other paths seen before it: the latest size of each other path among the
     * directory's newest {@link #DIRECTORY_SPAN} × {@code limit} versions, newest first, at most {@code limit}.
     */
    public List<List<Long>> directorySizes(List<Version> versions, int limit) {
        return perVersion(versions, v -> true, "SELECT q.ord, latest.size FROM unnest(?::text[], ?::text[],"
                + " ?::bigint[]) WITH ORDINALITY AS q(k, p, before, ord) CROSS JOIN LATERAL (SELECT size, id"
                + " FROM (SELECT DISTINCT ON (path) path, size, id FROM (SELECT path, size, id"
                + " FROM anomaly.file_versions WHERE directory = q.k AND path <> q.p AND id < q.before"
                + " ORDER BY id DESC LIMIT " + DIRECTORY_SPAN + " * ?) recent ORDER BY path, id DESC) distinct_paths"
                + " ORDER BY id DESC LIMIT ?) latest ORDER BY q.ord, latest.id DESC", Version::directory, limit,
                limit);
    }

    /**
     * Runs a lateral history query for the versions that {@code include} accepts, with parameters (key, path, id)
     * per version and then {@code limits}; rows are (1-based ordinal among the included, size).
     */
    private List<List<Long>> perVersion(List<Version> versions, Predicate<Version> include,
            String sql, Function<Version, String> key, Object... limits) {
        List<List<Long>> out = new ArrayList<>(versions.size());
        List<Integer> included = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            out.add(new ArrayList<>());
            if (include.test(versions.get(i))) {
                included.add(i);
            }
        }
        if (included.isEmpty()) {
            return out;
        }
        int n = included.size();
        String[] keys = new String[n];
        String[] paths = new String[n];
        long[] before = new long[n];
        for (int j = 0; j < n; j++) {
            Version v = versions.get(included.get(j));
            keys[j] = key.apply(v);
            paths[j] = v.path();
            before[j] = v.id();
        }
        Object[] args = new Object[3 + limits.length];
        args[0] = keys;
        args[1] = paths;
        args[2] = before;
        System.arraycopy(limits, 0, args, 3, limits.length);
        jdbc.query(sql, rs -> {
            out.get(included.get(rs.getInt(1) - 1)).add(rs.getLong(2));
        }, args);
        return out;
    }
}
