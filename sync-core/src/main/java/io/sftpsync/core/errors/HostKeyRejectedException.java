package io.sftpsync.core.errors;

import java.io.IOException;

/** A server's host key was unknown under the STRICT policy, changed, or revoked: retrying does not help. */
public final class HostKeyRejectedException extends IOException {

    /**
     * @param message names the host, the key's fingerprint, the known_hosts file and what to do
     * @param cause   MINA's own error, if any
     */
    public HostKeyRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
