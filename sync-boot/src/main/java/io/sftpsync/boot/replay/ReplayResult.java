package io.sftpsync.boot.replay;

import java.time.Instant;
import java.util.List;

/**
 * What a replay did.
 *
 * @param count     records in the range that matched the glob
 * @param published records the broker acknowledged on the target (0 for a dry run)
 * @param sample    the first {@code limit} of them
 */
public record ReplayResult(String topic, String target, boolean dryRun, long count, long published,
        List<Sample> sample) {

    public record Sample(String topic, int partition, long offset, String key, Instant timestamp) {
    }
}
