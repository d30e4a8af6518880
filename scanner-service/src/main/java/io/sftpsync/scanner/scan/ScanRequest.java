package io.sftpsync.scanner.scan;

import io.sftpsync.core.events.ScanRequested;
import java.util.Objects;
import java.util.UUID;

/**
 * What one scan is asked to do.
 *
 * @param trigger   what asked: schedule, interval, api, once, request (carried on the summary)
 * @param dryRun    decide and report, publish nothing
 * @param subtree   the directory to scan, relative to the base path ("" the whole base path)
 * @param requestId the {@link ScanRequested} it answers, or null
 */
public record ScanRequest(String trigger, boolean dryRun, String subtree, UUID requestId) {

    public ScanRequest {
        Objects.requireNonNull(trigger, "trigger");
        subtree = ScanRequested.normalSubtree(subtree);
    }

    /** The whole base path, asked by {@code trigger}. */
    public static ScanRequest whole(String trigger, boolean dryRun) {
        return new ScanRequest(trigger, dryRun, "", null);
    }

    /** A request from another system, over Kafka. */
    public static ScanRequest of(ScanRequested r) {
        return new ScanRequest("request", r.dryRun(), r.subtree(), r.requestId());
    }
}
