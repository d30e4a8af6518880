package io.sftpsync.core.listing;

/**
 * How {@link RemoteWalker#walk} treats symlinks and a missing base path.
 *
 * @param followSymlinks     list what links point to (with loop protection) instead of skipping links
 * @param missingRootIsEmpty a base path that does not exist is an empty tree, not an error (for the sink)
 */
public record WalkOptions(boolean followSymlinks, boolean missingRootIsEmpty) {
}
