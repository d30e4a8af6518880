package io.sftpsync.boot.replay;

/** A replay or offset reset the API refuses before doing anything (400), naming the field. */
public final class ReplayRefusedException extends RuntimeException {

    private final String field;

    public ReplayRefusedException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
