package io.sftpsync.approval.decision;

/** A decision this process cannot run as configured (no approval proof key); the API answers 503. */
public final class NotConfiguredException extends RuntimeException {
    public NotConfiguredException(String message) {
        super(message);
    }
}
