package io.sftpsync.core.errors;

import java.io.IOException;

/** The server refused the login, or the private key could not be loaded: retrying does not help. */
public final class AuthenticationFailedException extends IOException {

    /**
     * @param message names the endpoint, the user and what was refused, never a password or passphrase
     */
    public AuthenticationFailedException(String message) {
        super(message);
    }
}
