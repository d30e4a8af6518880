package io.sftpsync.anomaly.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The anomaly API's errors as RFC 9457 problem details ({@code application/problem+json}). */
@RestControllerAdvice(assignableTypes = AnomalyController.class)
public class ProblemAdvice {

    @ExceptionHandler(AnomalyNotFoundException.class)
    ProblemDetail notFound(AnomalyNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown anomaly", e.getMessage());
    }

    @ExceptionHandler(AlreadyAcknowledgedException.class)
    ProblemDetail acknowledged(AlreadyAcknowledgedException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Already acknowledged", e.getMessage());
        p.setProperty("acknowledgedBy", e.by());
        p.setProperty("acknowledgedAt", e.at().toString());
        return p;
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        p.setProperty("field", e.field());
        return p;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
