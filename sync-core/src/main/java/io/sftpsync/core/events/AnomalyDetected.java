package io.sftpsync.core.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Something unusual the anomaly service found and stored, published once to {@code sftp.anomalies}, keyed by
 * {@link #path()}.
 *
 * <p>{@link #type()} and {@link #severity()} are text, not enums of this module: the anomaly service owns that
 * vocabulary (its {@code AnomalyType}, {@code Severity}), and a reader built before a new type was added still
 * decodes the event instead of sending it to a dead-letter topic.
 *
 * @param eventId     unique id of this event
 * @param anomalyId   the anomaly's id in the anomaly service (the same for every copy of the event)
 * @param path        the subject: a relative path, a directory or name pattern; {@code ""} for the whole source
 *                    (a scan)
 * @param type        the anomaly type, such as {@code SIZE_GROWTH}
 * @param severity    {@code INFO}, {@code WARNING} or {@code CRITICAL}
 * @param score       how far beyond its threshold, 0–1
 * @param message     one plain sentence with the numbers
 * @param causationId the event the anomaly was found in (a discovery, result or scan's id); null when none
 * @param detectedAt  when it was found
 */
public record AnomalyDetected(
        int schemaVersion,
        UUID eventId,
        String anomalyId,
        String path,
        String type,
        String severity,
        double score,
        String message,
        UUID causationId,
        Instant detectedAt) implements SyncEvent {

    public AnomalyDetected {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(anomalyId, "anomalyId");
        Objects.requireNonNull(path, "path");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an anomaly needs a type");
        }
        if (severity == null || severity.isBlank()) {
            throw new IllegalArgumentException("an anomaly needs a severity");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be between 0 and 1, was " + score);
        }
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(detectedAt, "detectedAt");
    }

    /** A new event of the current schema version. */
    public static AnomalyDetected of(String anomalyId, String path, String type, String severity, double score,
            String message, UUID causationId, Instant detectedAt) {
        return new AnomalyDetected(CURRENT_SCHEMA_VERSION, UUID.randomUUID(), anomalyId, path, type, severity, score,
                message, causationId, detectedAt);
    }
}
