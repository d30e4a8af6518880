package io.sftpsync.boot.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The body of {@code POST /api/replay/offsets}.
 *
 * @param group     the consumer group, e.g. {@code transfer-files}
 * @param topic     one topic; absent for every topic the group has committed offsets on
 * @param timestamp an ISO-8601 instant: each partition goes to its first record at or after it (its end if none)
 * @param dryRun    show the offsets, change nothing
 */
public record OffsetResetRequest(String group, String topic, String timestamp, Boolean dryRun) {

    record Checked(String group, String topic, Instant timestamp, boolean dryRun) {
    }

    Checked checked() {
        if (group == null || group.isBlank()) {
            throw new ReplayRefusedException("group", "is required");
        }
        String t = topic == null || topic.isBlank() ? null : topic.strip();
        if (t != null && !ReplayTopics.isOurs(t)) {
            throw new ReplayRefusedException("topic", "'" + t + "' is not a topic of sftp-sync");
        }
        if (timestamp == null || timestamp.isBlank()) {
            throw new ReplayRefusedException("timestamp", "is required (an ISO-8601 instant such as"
                    + " 2026-12-03T10:15:30Z)");
        }
        Instant at;
        try {
            at = Instant.parse(timestamp.strip());
        } catch (DateTimeParseException e) {
            throw new ReplayRefusedException("timestamp", "'" + timestamp + "' is not an ISO-8601 instant such as"
                    + " 2026-12-03T10:15:30Z");
        }
        return new Checked(group.strip(), t, at, Boolean.TRUE.equals(dryRun));
    }
}
