package io.sftpsync.anomaly.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What LATE_ARRIVAL learns from ({@code anomaly.arrivals}, one row per path, written by {@link
 * FileVersions#record}): which directories and name patterns have had enough arrivals to have a rhythm, and
 * their arrival times. The files a scan found new in one subject are one arrival: the first sync finds a whole
 * tree at once, and a job that writes ten files at 06:00 delivers once.
 */
public final class Arrivals {

    /** A directory or name pattern with enough arrivals to be judged. */
    public record Subject(Kind kind, String name) {
    }

    /** What a subject groups paths by. */
    public enum Kind {
        DIRECTORY("directory"), PATTERN("pattern");

        private final String column;

        Kind(String column) {
            this.column = column;
        }
    }

    private final JdbcTemplate jdbc;

    public Arrivals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The directories and name patterns with at least {@code minArrivals} arrivals (scans that found a new file
     * there) since {@code since}. A name pattern whose files are exactly those of one directory is left out: the
     * directory says the same, and one missing file is one anomaly.
     */
    public List<Subject> subjects(Instant since, int minArrivals) {
        Timestamp t = Timestamp.from(since);
        Map<String, Long> directoryPaths = new HashMap<>();
        List<Subject> subjects = new ArrayList<>();
        jdbc.query("SELECT directory, count(*) FROM anomaly.arrivals WHERE first_seen_at >= ? GROUP BY directory"
                + " HAVING count(DISTINCT scan_id) >= ? ORDER BY directory", rs -> {
                    directoryPaths.put(rs.getString(1), rs.getLong(2));
                    subjects.add(new Subject(Kind.DIRECTORY, rs.getString(1)));
                }, t, minArrivals);
        jdbc.query("SELECT pattern, count(*), count(DISTINCT directory), min(directory) FROM anomaly.arrivals"
                + " WHERE first_seen_at >= ? GROUP BY pattern HAVING count(DISTINCT scan_id) >= ? ORDER BY pattern",
                rs -> {
                    boolean sameAsItsDirectory = rs.getLong(3) == 1
                            && Long.valueOf(rs.getLong(2)).equals(directoryPaths.get(rs.getString(4)));
                    if (!sameAsItsDirectory) {
                        subjects.add(new Subject(Kind.PATTERN, rs.getString(1)));
                    }
                }, t, minArrivals);
        return subjects;
    }

    /** The subject's arrivals since {@code since}, one per scan (its earliest new file), newest first. */
    public List<Instant> of(Subject subject, Instant since, int limit) {
        return jdbc.query("SELECT min(first_seen_at) AS t FROM anomaly.arrivals WHERE " + subject.kind().column
                        + " = ? AND first_seen_at >= ? GROUP BY scan_id ORDER BY t DESC LIMIT ?",
                (rs, i) -> rs.getTimestamp(1).toInstant(), subject.name(), Timestamp.from(since), limit);
    }
}
