package io.sftpsync.core.bandwidth;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The most bytes per second one server is sent or asked for: a single rate ({@code 10MB}), or a daily timetable
 * in rclone's {@code --bwlimit} form ({@code 08:00,512KB 19:00,10MB 23:00,off}), each rate holding from its time
 * of day until the next one, the last one past midnight until the first. Units are binary, as everywhere in the
 * configuration ({@code KB} = 1024 bytes); {@code off} (or 0) is no limit.
 */
public final class Bandwidth {

    /** No limit at any time. */
    public static final Bandwidth UNLIMITED = new Bandwidth(new TreeMap<>(Map.of(LocalTime.MIDNIGHT, 0L)));

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)B?", Pattern.CASE_INSENSITIVE);

    /** Rate from each time of day on; 0 is unlimited. */
    private final NavigableMap<LocalTime, Long> timetable;

    private Bandwidth(NavigableMap<LocalTime, Long> timetable) {
        this.timetable = timetable;
    }

    /**
     * @param text a rate, a timetable, or blank for none
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Bandwidth parse(String text) {
        if (text == null || text.isBlank()) {
            return UNLIMITED;
        }
        String trimmed = text.trim();
        if (!trimmed.contains(",")) {
            long rate = rate(trimmed);
            return rate == 0 ? UNLIMITED : new Bandwidth(new TreeMap<>(Map.of(LocalTime.MIDNIGHT, rate)));
        }
        NavigableMap<LocalTime, Long> timetable = new TreeMap<>();
        for (String entry : trimmed.split("\\s+")) {
            String[] parts = entry.split(",", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + entry + "' is not HH:MM,RATE (a timetable is entries such"
                        + " as 08:00,512KB 19:00,10MB 23:00,off, separated by spaces)");
            }
            LocalTime at;
            try {
                at = LocalTime.parse(parts[0]);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + parts[0] + "' in '" + entry + "' is not a time of day HH:MM");
            }
            if (timetable.put(at, rate(parts[1])) != null) {
                throw new IllegalArgumentException(parts[0] + " appears twice in the timetable");
            }
        }
        return new Bandwidth(timetable);
    }

    private static long rate(String text) {
        if (text.equalsIgnoreCase("off")) {
            return 0;
        }
        Matcher m = RATE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: bytes per second such as 512KB, 10MB or"
                    + " 1.5GB, or off");
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        double bytes = Double.parseDouble(m.group(1)) * (1L << shift);
        if (bytes > 0 && bytes < 1024) {
            throw new IllegalArgumentException("'" + text + "' is below 1KB a second: too slow to move SFTP requests");
        }
        return (long) bytes;
    }

    /** Bytes per second at a time of day; 0 when unlimited then. */
    public long bytesPerSecondAt(LocalTime time) {
        Map.Entry<LocalTime, Long> e = timetable.floorEntry(time);
        return (e != null ? e : timetable.lastEntry()).getValue();
    }

    /** Whether no time of day has a limit. */
    public boolean isUnlimited() {
        return timetable.values().stream().allMatch(r -> r == 0);
    }

    /** The form {@link #parse} reads, in whole KB where the rate is one. */
    @Override
    public String toString() {
        if (isUnlimited()) {
            return "off";
        }
        if (timetable.size() == 1 && timetable.firstKey().equals(LocalTime.MIDNIGHT)) {
            return format(timetable.firstEntry().getValue());
        }
        return timetable.entrySet().stream().map(e -> e.getKey() + "," + format(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String format(long rate) {
        if (rate == 0) {
            return "off";
        }
        return rate % (1L << 20) == 0 ? (rate >> 20) + "MB" : rate % 1024 == 0 ? (rate >> 10) + "KB" : rate + "B";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bandwidth b && b.timetable.equals(timetable);
    }

    @Override
    public int hashCode() {
        return timetable.hashCode();
    }
}
