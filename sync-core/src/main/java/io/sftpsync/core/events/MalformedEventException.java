package io.sftpsync.core.events;

/** A record on a topic that is not a valid event of the expected type; it belongs in the dead-letter topic. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
