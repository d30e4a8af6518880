package io.sftpsync.core.listing;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How much of one directory's listing a walk keeps in memory: past {@code entries} entries, sorted runs go to
 * files under {@code spillDirectory} and are merged from there, so a directory of any width lists in bounded
 * memory.
 *
 * @param entries        entries of one directory held in memory before a sorted run is written to disk
 * @param spillDirectory where runs are written (created owner-only when missing); each file is removed when its
 *                       directory has been walked, or the walk is closed
 */
public record ListingMemory(int entries, Path spillDirectory) {

    /** The default number of entries held per directory, about 10 MB of names and attributes. */
    public static final int DEFAULT_ENTRIES = 50_000;

    public ListingMemory {
        if (entries < 1) {
            throw new IllegalArgumentException("listing memory entries must be at least 1, was " + entries);
        }
        Objects.requireNonNull(spillDirectory, "spillDirectory");
    }

    /** {@link #DEFAULT_ENTRIES} in memory, runs under {@code java.io.tmpdir}. */
    public static ListingMemory defaults() {
        return new ListingMemory(DEFAULT_ENTRIES, Path.of(System.getProperty("java.io.tmpdir")));
    }
}
