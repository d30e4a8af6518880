package io.sftpsync.anomaly.detect;

import io.sftpsync.core.paths.RelativePath;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What makes two findings the same anomaly, so that the consumer stores and publishes it once however often events
 * are redelivered or scans repeat: (subject, type, occurrence).
 *
 * <p>For a file the subject is its path and the occurrence its version, size + mtime to the nanosecond ({@link
 * #ofFile}): OLD_FILE and FUTURE_TIMESTAMP are raised once per version and never again on later scans; a new version
 * (new size or mtime) may raise them again. For what is not one file version ({@link #of}) the occurrence is what
 * happened once: a transfer's id (STALLED_TRANSFER, SLOW_TRANSFER, INTERRUPTED), a scan's id (SCAN_VOLUME,
 * RESOURCE_IMPACT), the instant a file was due (LATE_ARRIVAL).
 *
 * @param subject    a relative path, a directory ("" the top), or a name pattern; Unicode NFC, without a leading
 *                   {@code ./} or a trailing {@code /}
 * @param type       the anomaly type
 * @param occurrence the version or event, as text
 */
public record Dedupe(String subject, AnomalyType type, String occurrence) {

    public Dedupe {
        subject = normalise(Objects.requireNonNull(subject, "subject"));
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurrence, "occurrence");
        if (occurrence.isBlank()) {
            throw new IllegalArgumentException("a dedupe key needs an occurrence");
        }
    }

    /** One version of one file: size and mtime (seconds and nanoseconds, as the approval's key). */
    public static Dedupe ofFile(String path, AnomalyType type, long size, Instant mtime) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        String p = normalise(path);
        RelativePath.check(p);
        String version = String.format(Locale.ROOT, "%d@%d.%09d", size, mtime.getEpochSecond(), mtime.getNano());
        return new Dedupe(p, type, version);
    }

    /** An anomaly of something other than a file version: a transfer, a scan, a due date. */
    public static Dedupe of(String subject, AnomalyType type, Object occurrence) {
        return new Dedupe(subject, type, String.valueOf(Objects.requireNonNull(occurrence, "occurrence")));
    }

    /** The key as one string, for a unique column: {@code type|subject|occurrence}. */
    public String key() {
        return type + "|" + subject + "|" + occurrence;
    }

    private static String normalise(String subject) {
        String s = Normalizer.normalize(subject, Normalizer.Form.NFC);
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        while (s.endsWith("/") && s.length() > 1) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
