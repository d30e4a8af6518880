package io.sftpsync.anomaly.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The numbers in a finding's sentence, written as a person reads them: "5.1 GiB", "12.3×", "3h 10m". */
public final class Words {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Words() {
    }

    /** Bytes in binary units: "512 B", "5.1 GiB", "415 MiB" (one decimal below 10, none from 10). */
    public static String bytes(double bytes) {
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.7 KiB would read "1024 KiB": say "1.0 MiB".
        if (Math.abs(value) >= 10 && Math.round(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return Math.round(value) + " B";
        }
        return number(value) + " " + UNITS[unit];
    }

    /** A rate in bytes a second: "12 MiB/s". */
    public static String rate(double bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    /** A ratio: "12.3×", "0.5×", "0.08×" (two decimals below 0.1). */
    public static String times(double ratio) {
        if (ratio != 0 && Math.abs(ratio) < 0.1) {
            return String.format(Locale.ROOT, "%.2f×", ratio);
        }
        return String.format(Locale.ROOT, "%.1f×", ratio);
    }

    /** A plain number: one decimal below 10, none from 10. */
    public static String number(double value) {
        if (Math.abs(value) < 10 && Math.rint(value) != value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** A duration in its two largest units: "45s", "1 min 40s", "14 min", "3h 10m", "2 days 4h", "698 days". */
    public static String duration(Duration d) {
        long seconds = Math.abs(d.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days >= 7) {
            return days + " days";
        }
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + " min" + (minutes < 10 && seconds % 60 > 0 ? " " + seconds % 60 + "s" : "");
        }
        return seconds + "s";
    }

    /** An instant in a zone, to the minute with its weekday: "Fri 2026-11-27 05:40 UTC". */
    public static String when(Instant at, ZoneId zone) {
        return DateTimeFormatter.ofPattern("EEE uuuu-MM-dd HH:mm", Locale.ROOT).format(at.atZone(zone)) + " "
                + (zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId());
    }

    /** An instant as a date: "2024-01-05". */
    public static String date(Instant at) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(at.atZone(ZoneId.of("UTC")));
    }
}
