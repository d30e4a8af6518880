package io.sftpsync.anomaly.web;

import java.time.Instant;

/** The anomaly was acknowledged before (409): the first acknowledgement is kept. */
final class AlreadyAcknowledgedException extends RuntimeException {

    private final String by;
    private final Instant at;

    AlreadyAcknowledgedException(String id, String by, Instant at) {
        super("anomaly " + id + " was already acknowledged by " + by + " at " + at);
        this.by = by;
        this.at = at;
    }

    String by() {
        return by;
    }

    Instant at() {
        return at;
    }
}
