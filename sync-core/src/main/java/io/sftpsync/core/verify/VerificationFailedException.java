package io.sftpsync.core.verify;

import java.io.IOException;

/** The sink does not hold what was written; the copy is removed and retried. */
public class VerificationFailedException extends IOException {
    public VerificationFailedException(String message) {
        super(message);
    }
}
