package io.sftpsync.boot.replay;

import java.time.Instant;
import java.util.List;

/** What an offset reset moved (or, for a dry run, would move). */
public record OffsetResetResult(String group, Instant timestamp, boolean dryRun, List<Moved> partitions) {

    /** @param from the committed offset before, {@code null} if the group had none there */
    public record Moved(String topic, int partition, Long from, long to) {
    }
}
