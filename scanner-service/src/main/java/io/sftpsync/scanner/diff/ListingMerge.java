package io.sftpsync.scanner.diff;

import io.sftpsync.core.listing.RemoteFile;
import java.util.Comparator;
import java.util.Iterator;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Walks two listings sorted in the same order in lock step, as rclone's march does, pairing each source
 * file with the sink file of the same path (or null). Neither listing is ever held whole in memory.
 */
public final class ListingMerge {

    private ListingMerge() {
    }

    /**
     * Calls {@code pair} once per source file, in order. Sink-only files are passed over.
     *
     * @param source sorted source files
     * @param sink   sorted sink files, in the same order
     * @param order  the order both are sorted in
     * @param pair   receives each source file and its sink counterpart or null
     */
    public static void merge(Iterator<RemoteFile> source, Iterator<RemoteFile> sink, Comparator<String> order,
            BiConsumer<RemoteFile, RemoteFile> pair) {
        merge(source, sink, order, pair, f -> { });
    }

    /**
     * Calls {@code pair} once per source file and {@code sinkOnly} once per sink file the source does not have,
     * all in path order.
     *
     * @param sinkOnly receives each sink file without a source file of the same path
     */
    public static void merge(Iterator<RemoteFile> source, Iterator<RemoteFile> sink, Comparator<String> order,
            BiConsumer<RemoteFile, RemoteFile> pair, Consumer<RemoteFile> sinkOnly) {
        RemoteFile s = next(sink);
        while (source.hasNext()) {
            RemoteFile src = source.next();
            while (s != null && order.compare(s.path(), src.path()) < 0) {
                sinkOnly.accept(s);
                s = next(sink);
            }
            if (s != null && s.path().equals(src.path())) {
                pair.accept(src, s);
                s = next(sink);
            } else {
                pair.accept(src, null);
            }
        }
        for (; s != null; s = next(sink)) {
            sinkOnly.accept(s);
        }
    }

    private static RemoteFile next(Iterator<RemoteFile> it) {
        return it.hasNext() ? it.next() : null;
    }
}
