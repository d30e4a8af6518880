package io.sftpsync.scanner.scan;

import io.sftpsync.core.copy.SinkCleanup;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.sftp.SftpPool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink temporaries that copies cut off (a lost connection, a killed process) left behind, collected while
 * a scan lists the sink and removed after it. Only single copies' temporaries qualify, and only once nothing
 * has written them for {@code maxAge}: a resumable large transfer's temporary belongs to its janitor.
 */
final class StaleTemporaries {

    private static final Logger log = LoggerFactory.getLogger(StaleTemporaries.class);

    private final Duration maxAge;
    private final Instant now;
    private final List<RemoteFile> stale = new ArrayList<>();

    /**
     * @param maxAge time since the last write after which a copy's temporary is garbage; zero keeps them all
     * @param now    the scan's start
     */
    StaleTemporaries(Duration maxAge, Instant now) {
        this.maxAge = maxAge;
        this.now = now;
    }

    /** Notes a temporary the sink listing met. */
    void seen(RemoteFile temporary) {
        if (!maxAge.isZero() && TempNames.isCopyTemporary(RelativePath.name(temporary.path()))
                && temporary.mtime().plus(maxAge).isBefore(now)) {
            stale.add(temporary);
        }
    }

    /** The stale temporaries seen so far. */
    List<RemoteFile> found() {
        return List.copyOf(stale);
    }

    /**
     * Removes the stale temporaries; a failure is logged and the rest goes on (the next scan tries again).
     *
     * @return how many were removed
     */
    int remove(SftpPool sink) {
        int removed = 0;
        for (RemoteFile t : stale) {
            if (SinkCleanup.removeQuietly(sink, t.path())) {
                removed++;
                log.info("removed {}, a temporary left by a copy cut off (last written {})",
                        RelativePath.printable(t.path()), t.mtime());
            }
        }
        return removed;
    }
}
