package io.sftpsync.core.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON on the wire for every event: ISO-8601 instants, unknown fields tolerated for forward compatibility. */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private EventCodec() {
    }

    /** The event as UTF-8 JSON. */
    public static byte[] encode(SyncEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /**
     * Reads an event of the given type.
     *
     * @throws MalformedEventException when the bytes are not JSON, miss a required field or fail validation
     */
    public static <T extends SyncEvent> T decode(byte[] json, Class<T> type) {
        if (json == null) {
            throw new MalformedEventException("empty record value, expected " + type.getSimpleName(), null);
        }
        try {
            T event = MAPPER.readValue(json, type);
            if (event == null) {
                throw new MalformedEventException("null record value, expected " + type.getSimpleName(), null);
            }
            return event;
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": " + root.getMessage(), e);
        }
    }
}
