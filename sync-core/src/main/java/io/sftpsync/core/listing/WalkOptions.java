package io.sftpsync.core.listing;

import java.util.Objects;

/**
 * How {@link RemoteWalker#walk} treats symlinks and a missing base path, and where it starts.
 *
 * @param followSymlinks     list what links point to (with loop protection) instead of skipping links
 * @param missingRootIsEmpty a base path (or subtree) that does not exist is an empty tree, not an error (for the
 *                           sink)
 * @param subtree            the directory below the base path to walk, relative to it ("" the whole base path);
 *                           the files' paths stay relative to the base path. Its components must be directories
 *                           (or, with {@code followSymlinks}, links to directories inside the base path)
 */
public record WalkOptions(boolean followSymlinks, boolean missingRootIsEmpty, String subtree) {

    public WalkOptions {
        Objects.requireNonNull(subtree, "subtree");
    }

    /** A walk of the whole base path. */
    public WalkOptions(boolean followSymlinks, boolean missingRootIsEmpty) {
        this(followSymlinks, missingRootIsEmpty, "");
    }
}
