package io.sftpsync.core.listing;

/**
 * Something a listing could not read or refused: an unreadable directory, an unsafe name, a symlink loop, a
 * symlink that leads outside the base path.
 *
 * @param path   relative path of the entry or directory ("" for the base path)
 * @param reason the server's reason or the rule that refused it
 * @param kind   what sort of problem, so a scan can summarise the frequent ones
 */
public record ListingError(String path, String reason, Kind kind) {

    /** What sort of problem a listing met. */
    public enum Kind {
        /** A directory that could not be read, an unsafe name, a symlink loop, a link that cannot be read. */
        OTHER,
        /** A followed symlink whose real path is outside the base path: not followed, nothing below it listed. */
        LINK_OUTSIDE_BASE
    }

    /** A problem of kind {@link Kind#OTHER}. */
    public ListingError(String path, String reason) {
        this(path, reason, Kind.OTHER);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "<base path>" : io.sftpsync.core.paths.RelativePath.printable(path)) + ": " + reason;
    }
}
