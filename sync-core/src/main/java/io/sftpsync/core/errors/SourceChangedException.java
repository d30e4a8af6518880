package io.sftpsync.core.errors;

import java.io.IOException;

/**
 * The source file is not the one the scan saw, or changed while it was copied: nothing was published at the
 * sink, and a later scan picks up the new version.
 */
public class SourceChangedException extends IOException {

    /**
     * @param message what differed, e.g. "source changed during copy: size 10 -> 12"
     */
    public SourceChangedException(String message) {
        super(message);
    }
}
