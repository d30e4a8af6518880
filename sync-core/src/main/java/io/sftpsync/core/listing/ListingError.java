package io.sftpsync.core.listing;

/**
 * Something a listing could not read or refused: an unreadable directory, an unsafe name, a symlink loop.
 *
 * @param path   relative path of the entry or directory ("" for the base path)
 * @param reason the server's reason or the rule that refused it
 */
public record ListingError(String path, String reason) {
    @Override
    public String toString() {
        return (path.isEmpty() ? "<base path>" : io.sftpsync.core.paths.RelativePath.printable(path)) + ": " + reason;
    }
}
