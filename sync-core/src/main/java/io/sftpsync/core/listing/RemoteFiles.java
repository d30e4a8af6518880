package io.sftpsync.core.listing;

import java.util.Iterator;

/**
 * The files of a walk, in {@link RemoteWalker#PATH_ORDER}. Closing it removes the sorted runs that directories
 * too wide for memory spilled to disk; a walk iterated to its end has removed them already.
 */
public interface RemoteFiles extends Iterator<RemoteFile>, AutoCloseable {

    /** Removes what the walk still holds on disk; never throws. */
    @Override
    void close();
}
