package io.sftpsync.scanner.scan;

import io.sftpsync.core.listing.RemoteFile;
import java.util.HashMap;
import java.util.Map;

/**
 * For {@code sync.scan.require-stable}: a file is stable when the previous scan saw it with the same size
 * and mtime. Only candidates are remembered, and only those of the last scan.
 */
final class StabilityTracker {

    private record Seen(long size, java.time.Instant mtime) {
    }

    private Map<String, Seen> previous = new HashMap<>();
    private Map<String, Seen> current = new HashMap<>();

    /** Records the candidate and says whether the previous scan saw it unchanged. */
    boolean stable(RemoteFile file) {
        Seen now = new Seen(file.size(), file.mtime());
        current.put(file.path(), now);
        return now.equals(previous.get(file.path()));
    }

    /**
     * Ends a scan: what it saw becomes what the next one compares with; a subtree's scan replaces only what was
     * seen below that subtree.
     *
     * @param subtree the directory the scan covered, "" for the whole base path
     */
    void endScan(String subtree) {
        if (!subtree.isEmpty()) {
            String prefix = subtree + "/";
            previous.keySet().removeIf(path -> path.startsWith(prefix));
            previous.putAll(current);
            current = new HashMap<>();
            return;
        }
        previous = current;
        current = new HashMap<>();
    }
}
