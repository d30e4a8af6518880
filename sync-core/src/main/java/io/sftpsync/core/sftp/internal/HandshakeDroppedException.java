package io.sftpsync.core.sftp.internal;

import java.io.IOException;

/**
 * The server accepted the TCP connection and closed it before the login completed, as OpenSSH does to connections
 * beyond {@code MaxStartups} (unauthenticated connections at once): worth another try once others are logged in.
 */
final class HandshakeDroppedException extends IOException {

    HandshakeDroppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
