package io.sftpsync.scanner.scan;

import io.sftpsync.core.listing.ListingError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The errors of one scan: each is logged, all are counted, and the first {@link #LIMIT} are kept for the
 * ScanCompleted, so a sink that refuses every directory cannot make one event of millions of lines. The sink
 * directories that could not be listed are kept too: the files below them cannot be decided.
 */
final class ScanErrors {

    /** Errors a ScanCompleted carries at most; the rest are counted in its last entry. */
    static final int LIMIT = 1_000;

    /** The scanner's logger, where operators look for a scan's lines. */
    private static final Logger log = LoggerFactory.getLogger(Scanner.class);

    private final UUID scanId;
    private final List<String> kept = new ArrayList<>();
    private final Set<String> failedSinkDirs = new HashSet<>();
    private final Set<String> failedSinkDirsView = Collections.unmodifiableSet(failedSinkDirs);
    private long count;

    ScanErrors(UUID scanId) {
        this.scanId = scanId;
    }

    void add(String message) {
        count++;
        if (kept.size() < LIMIT) {
            kept.add(message);
        }
        log.warn("scan {}: {}", scanId, message);
    }

    /** Something the sink listing could not read: files below that path cannot be decided. */
    void sinkListing(ListingError e) {
        failedSinkDirs.add(e.path());
        add("sink " + e);
    }

    /** The sink directories whose listing failed so far, as relative paths; grows while the sink is listed. */
    Set<String> failedSinkDirs() {
        return failedSinkDirsView;
    }

    long count() {
        return count;
    }

    /** The kept errors, and a last line counting the others when some were dropped. */
    List<String> forEvent() {
        if (count <= kept.size()) {
            return List.copyOf(kept);
        }
        List<String> capped = new ArrayList<>(kept);
        capped.add("... and " + (count - kept.size()) + " more errors");
        return capped;
    }
}
