package io.sftpsync.core.listing;

import java.util.Iterator;

/** Sorted items, from memory or merged from runs on disk; closing it removes the runs it has not finished. */
interface SortedEntries<T> extends Iterator<T>, AutoCloseable {

    @Override
    void close();
}
