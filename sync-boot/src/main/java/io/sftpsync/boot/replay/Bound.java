package io.sftpsync.boot.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/** One end of a replay's range: an instant (record timestamps), or an offset per partition; both inclusive. */
sealed interface Bound {

    record AtTime(Instant instant) implements Bound {
    }

    /** Only the partitions named are read. */
    record AtOffsets(Map<Integer, Long> offsets) implements Bound {
    }

    /**
     * From a JSON value: {@code null} (open end), an ISO-8601 instant, or an object of partition to offset
     * ({@code {"0": 12, "1": 40}}).
     */
    static Bound parse(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            try {
                return new AtTime(Instant.parse(text.strip()));
            } catch (DateTimeParseException e) {
                throw new ReplayRefusedException(field, "'" + text + "' is not an ISO-8601 instant such as"
                        + " 2026-12-03T10:15:30Z, nor an object of partition to offset such as {\"0\": 12}");
            }
        }
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                throw new ReplayRefusedException(field, "names no partition");
            }
            Map<Integer, Long> offsets = new TreeMap<>();
            map.forEach((k, v) -> {
                int partition;
                try {
                    partition = Integer.parseInt(String.valueOf(k));
                } catch (NumberFormatException e) {
                    throw new ReplayRefusedException(field, "'" + k + "' is not a partition number");
                }
                if (partition < 0 || !(v instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
                    throw new ReplayRefusedException(field, "partition " + k + ": offsets and partitions are whole"
                            + " numbers, 0 or more (was " + v + ")");
                }
                offsets.put(partition, n.longValue());
            });
            return new AtOffsets(Map.copyOf(offsets));
        }
        throw new ReplayRefusedException(field, "must be an ISO-8601 instant or an object of partition to offset");
    }
}
