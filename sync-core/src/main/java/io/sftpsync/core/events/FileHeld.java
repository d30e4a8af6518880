package io.sftpsync.core.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A discovered file the risk gate held back because a CRITICAL anomaly was found on its version: published by the
 * anomaly service to {@code sftp.files.held} (keyed by the file's path) instead of forwarding the discovery to its
 * class topic; the approval service turns it into an approval that shows the anomaly.
 *
 * @param eventId   unique id of this event
 * @param discovery the scanner's discovery, unchanged: what runs, signed, once the file is approved
 * @param anomalyId the anomaly's id in the anomaly service
 * @param type      the anomaly type, such as {@code SIZE_SHRINK} (text, as on {@link AnomalyDetected})
 * @param severity  its severity, {@code CRITICAL} for the gate
 * @param sentence  the anomaly's one sentence with the numbers, shown on the approval
 * @param score     how far beyond its threshold, 0–1
 * @param heldAt    when the gate held it
 */
public record FileHeld(
        int schemaVersion,
        UUID eventId,
        FileDiscovered discovery,
        String anomalyId,
        String type,
        String severity,
        String sentence,
        double score,
        Instant heldAt) implements SyncEvent {

    public FileHeld {
        SyncEvent.checkVersion(schemaVersion);
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(discovery, "discovery");
        if (discovery.approval() != null) {
            throw new IllegalArgumentException("a held discovery carries no approval");
        }
        if (anomalyId == null || anomalyId.isBlank()) {
            throw new IllegalArgumentException("a held file needs the anomaly's id");
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a held file needs the anomaly's type");
        }
        if (severity == null || severity.isBlank()) {
            throw new IllegalArgumentException("a held file needs the anomaly's severity");
        }
        if (sentence == null || sentence.isBlank()) {
            throw new IllegalArgumentException("a held file needs the anomaly's sentence");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be between 0 and 1, was " + score);
        }
        Objects.requireNonNull(heldAt, "heldAt");
    }

    /** A new event of the current schema version. */
    public static FileHeld of(FileDiscovered discovery, String anomalyId, String type, String severity,
            String sentence, double score, Instant heldAt) {
        return new FileHeld(CURRENT_SCHEMA_VERSION, UUID.randomUUID(), discovery, anomalyId, type, severity, sentence,
                score, heldAt);
    }
}
