package io.sftpsync.scanner.scan;

import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.paths.RelativePath;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What a scan does with one source file; {@link ScanPlanner} decides, the scanner acts and counts. */
sealed interface ScanDecision {

    /** Left out by the include and exclude globs: not even counted as seen. */
    record Ignored() implements ScanDecision {
    }

    /**
     * Below a sink directory whose listing failed: what the sink holds there is unknown, so the file is an
     * error rather than a copy that might overwrite a newer file.
     *
     * @param path the source file's path
     */
    record Blocked(String path) implements ScanDecision {

        /** The error line the scan reports. */
        public String error() {
            return "skipped " + RelativePath.printable(path) + ": its sink directory could not be listed";
        }
    }

    /** The sink already holds the file. */
    record UpToDate() implements ScanDecision {
    }

    /**
     * To be copied, but not by this scan; a later scan decides again.
     *
     * @param why the first reason that held, in the order of {@link Why}
     */
    record Deferred(Why why) implements ScanDecision {

        public Deferred {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Why a file is deferred, in the order the planner checks. */
    enum Why {
        /** Modified within {@code sync.scan.min-age}: a writer is probably still at work. */
        TOO_YOUNG,
        /** {@code sync.scan.require-stable} and the previous scan did not see this size and mtime. */
        UNSTABLE,
        /** An earlier scan queued this version and no result came back yet. */
        IN_FLIGHT
    }

    /**
     * To be queued on its class's topic.
     *
     * @param reason    why it must be copied
     * @param sizeClass the class that picks the topic
     */
    record Queue(SyncReason reason, SizeClass sizeClass) implements ScanDecision {

        public Queue {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(sizeClass, "sizeClass");
        }

        /** The event that queues the file, as scan {@code scanId} found it at {@code now}. */
        public FileDiscovered event(UUID scanId, RemoteFile source, RemoteFile sink, Instant now) {
            return FileDiscovered.of(scanId, source.path(), source.size(), source.mtime(),
                    sink == null ? null : sink.size(), sink == null ? null : sink.mtime(), reason, sizeClass, now);
        }
    }
}
