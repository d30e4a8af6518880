package io.sftpsync.scanner.scan;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Where the in-flight registry keeps its entries across restarts: {@link KafkaInFlightJournal} on the compacted
 * topic {@code sftp.scan.inflight}, or {@link #NONE}.
 */
public interface InFlightJournal {

    /** Keeps nothing: the registry then lives in memory only. */
    InFlightJournal NONE = new InFlightJournal() {
        @Override
        public CompletableFuture<?> write(String path, InFlightEntry entry) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> remove(String path) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void flush() {
        }

        @Override
        public void replay(BiConsumer<String, InFlightEntry> visitor) {
        }
    };

    /** Records the entry of a path, replacing an earlier one; completes when it is stored. */
    CompletableFuture<?> write(String path, InFlightEntry entry);

    /** Ends the entry of a path (a tombstone); completes when it is stored. */
    CompletableFuture<?> remove(String path);

    /** Waits until every write and removal so far is stored. */
    void flush();

    /**
     * Reads back what was written before the call, oldest first: the path and its entry, or null for a removal.
     * A record that is not an entry is skipped.
     */
    void replay(BiConsumer<String, InFlightEntry> visitor);
}
