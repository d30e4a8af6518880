package io.sftpsync.anomaly.web;

/** No anomaly has the id (404). */
final class AnomalyNotFoundException extends RuntimeException {

    AnomalyNotFoundException(String id) {
        super("no anomaly " + id);
    }
}
