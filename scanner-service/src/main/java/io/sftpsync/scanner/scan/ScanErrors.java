package io.sftpsync.scanner.scan;

import io.sftpsync.core.listing.ListingError;
import io.sftpsync.core.paths.RelativePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The errors of one scan: all are counted, and the first {@link #LIMIT} are kept for the ScanCompleted, so a sink
 * that refuses every directory cannot make one event of millions of lines. The sink directories that could not be
 * listed are kept too: the files below them cannot be decided.
 *
 * <p>What one cause repeats per file is logged once per scan by {@link #logSummaries()}, each path at DEBUG: an
 * unreachable sink blocks every file of every scan (a continuous process wrote 15,000 WARN lines in 30 s that
 * way), and a tree of links leading outside the base path would do the same. Other errors are logged as met.
 */
final class ScanErrors {

    /** Errors a ScanCompleted carries at most; the rest are counted in its last entry. */
    static final int LIMIT = 1_000;
    /** Paths a summary line names at most. */
    static final int FIRST = 5;

    /** The scanner's logger, where operators look for a scan's lines. */
    private static final Logger log = LoggerFactory.getLogger(Scanner.class);

    private final UUID scanId;
    private final String sinkServer;
    private final List<String> kept = new ArrayList<>();
    private final Set<String> failedSinkDirs = new HashSet<>();
    private final Set<String> failedSinkDirsView = Collections.unmodifiableSet(failedSinkDirs);
    private final Tally sinkListings = new Tally();
    private final Tally blocked = new Tally();
    private final Tally linksOutside = new Tally();
    private long count;

    /**
     * @param sinkServer the sink as the summary names it, e.g. "bob@dst.example.com:22/mirror"
     */
    ScanErrors(UUID scanId, String sinkServer) {
        this.scanId = scanId;
        this.sinkServer = sinkServer;
    }

    /** An error logged at once. */
    void add(String message) {
        record(message);
        log.warn("scan {}: {}", scanId, message);
    }

    /** Something the source listing could not read or refused. */
    void sourceListing(ListingError e) {
        if (e.kind() == ListingError.Kind.LINK_OUTSIDE_BASE) {
            summarised("source " + e, linksOutside, printable(e.path()));
        } else {
            add("source " + e);
        }
    }

    /** Something the sink listing could not read: files below that path cannot be decided. */
    void sinkListing(ListingError e) {
        failedSinkDirs.add(e.path());
        summarised("sink " + e, sinkListings, e.toString());
    }

    /** A source file left undecided because its sink directory could not be listed. */
    void blocked(ScanDecision.Blocked b) {
        summarised(b.error(), blocked, printable(b.path()));
    }

    /** The sink directories whose listing failed so far, as relative paths; grows while the sink is listed. */
    Set<String> failedSinkDirs() {
        return failedSinkDirsView;
    }

    long count() {
        return count;
    }

    /** One WARN line per cause that the scan met more than once per file. */
    void logSummaries() {
        if (sinkListings.count > 0) {
            log.warn("scan {}: sink {}: {} not listed ({}){}; the next scan tries again", scanId, sinkServer,
                    plural(sinkListings.count, "directory", "directories"), sinkListings.first(),
                    blocked.count == 0 ? "" : "; " + plural(blocked.count, "source file", "source files")
                            + " below not copied: " + blocked.first());
        }
        if (linksOutside.count > 0) {
            log.warn("scan {}: source: {} outside the base path not followed: {}", scanId,
                    plural(linksOutside.count, "symlink leading", "symlinks leading"), linksOutside.first());
        }
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

    private void summarised(String message, Tally tally, String item) {
        record(message);
        tally.add(item);
        log.debug("scan {}: {}", scanId, message);
    }

    private void record(String message) {
        count++;
        if (kept.size() < LIMIT) {
            kept.add(message);
        }
    }

    private static String printable(String path) {
        return path.isEmpty() ? "<base path>" : RelativePath.printable(path);
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** How often one cause occurred, and the first few places. */
    private static final class Tally {
        private final List<String> first = new ArrayList<>();
        private long count;

        void add(String item) {
            count++;
            if (first.size() < FIRST) {
                first.add(item);
            }
        }

        String first() {
            return String.join(", ", first) + (count > first.size() ? ", ..." : "");
        }
    }
}
