package io.sftpsync.anomaly.web;

/** A request the API refuses (400), naming the parameter. */
final class BadRequestException extends RuntimeException {

    private final String field;

    BadRequestException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
