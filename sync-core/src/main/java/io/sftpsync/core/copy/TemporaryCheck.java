package io.sftpsync.core.copy;

import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;

/**
 * A check of a complete temporary file before it is renamed onto the real name, e.g. its size or a re-read
 * checksum. A failing check leaves the real name as it was (a previous version stays) and the temporary removed.
 */
@FunctionalInterface
public interface TemporaryCheck {

    /** Checks nothing. */
    TemporaryCheck NONE = (dst, temporary, written) -> { };

    /**
     * @param dst       the sink's channel, which wrote the temporary
     * @param temporary the temporary's absolute path at the sink, with its times already set
     * @param written   what the copy wrote: bytes, their SHA-256 as streamed, the mtime given
     * @throws IOException when the temporary is not what was written, or cannot be read
     */
    void check(SftpSession dst, String temporary, CopyOutcome written) throws IOException;
}
