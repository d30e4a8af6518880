package io.sftpsync.scanner.scan;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The value of one {@code sftp.scan.inflight} record (its key is the path): the version of the file that was
 * queued, the FileDiscovered that queued it and when. JSON, so an operator can read the topic.
 *
 * @param size     source size when queued
 * @param mtime    source mtime when queued
 * @param eventId  the FileDiscovered's id, which its result carries as causation id
 * @param queuedAt when the scan queued it; the entry expires {@code sync.scan.in-flight-timeout} later
 */
public record InFlightEntry(long size, Instant mtime, UUID eventId, Instant queuedAt) {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public InFlightEntry {
        if (mtime == null || eventId == null || queuedAt == null) {
            throw new IllegalArgumentException("mtime, eventId and queuedAt are required");
        }
    }

    byte[] encode() {
        return MAPPER.writeValueAsBytes(this);
    }

    /**
     * @throws IllegalArgumentException when the bytes are not such an entry
     */
    static InFlightEntry decode(byte[] json) {
        try {
            return MAPPER.readValue(json, InFlightEntry.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not an in-flight entry: "
                    + new String(json, 0, Math.min(json.length, 200), StandardCharsets.UTF_8), e);
        }
    }
}
