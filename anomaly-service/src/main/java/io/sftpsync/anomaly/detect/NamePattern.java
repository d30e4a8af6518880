package io.sftpsync.anomaly.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name pattern of a file, which groups the files a job writes under changing names: {@code
 * reports/report-2026-11-30.csv} and {@code reports/report-2026-12-01.csv} are both {@code reports/report-*.csv}.
 * Directory names are treated alike, so date-partitioned directories ({@code in/2026/11/30/}) share one pattern.
 */
public final class NamePattern {

    /** Digit runs, with the separators between them when digits follow (dates, times, versions). */
    private static final Pattern DIGITS = Pattern.compile("\\d+(?:[-_.:]\\d+)*");
    /** A final extension with a letter in it ({@code .csv}, {@code .mp3}, {@code .bz2}), kept as it is. */
    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$");

    private NamePattern() {
    }

    /**
     * The pattern of a path: in each of its components each run of digits (digits joined by {@code - _ . :} count
     * as one run) replaced by {@code *}; the file name's final extension, when it has a letter in it, is kept
     * ({@code track01.mp3} is {@code track*.mp3}). A path without digits is its own pattern.
     *
     * @param path a relative path, '/'-separated
     * @return e.g. {@code reports/report-*.csv} for {@code reports/report-2026-11-30.csv}
     */
    public static String of(String path) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        Matcher ext = EXTENSION.matcher(name);
        int end = ext.find() && ext.start() > 0 ? ext.start() : name.length();
        return DIGITS.matcher(dir).replaceAll("*") + DIGITS.matcher(name.substring(0, end)).replaceAll("*")
                + name.substring(end);
    }
}
