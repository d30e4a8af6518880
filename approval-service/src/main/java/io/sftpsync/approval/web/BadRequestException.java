package io.sftpsync.approval.web;

/** A request body the API refuses (400), naming the field. */
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
