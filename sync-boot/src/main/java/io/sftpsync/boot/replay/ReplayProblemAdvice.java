package io.sftpsync.boot.replay;

import org.apache.kafka.common.KafkaException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The replay API's errors as RFC 9457 problem details ({@code application/problem+json}). */
@RestControllerAdvice(assignableTypes = ReplayController.class)
public class ReplayProblemAdvice {

    @ExceptionHandler(ReplayRefusedException.class)
    ProblemDetail refused(ReplayRefusedException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(GroupActiveException.class)
    ProblemDetail active(GroupActiveException e) {
        return problem(HttpStatus.CONFLICT, "Group active", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "the body must be a JSON object: " + e.getMostSpecificCause().getMessage());
    }

    /** The broker failed the replay part way (the detail says how many records were published). */
    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail failed(IllegalStateException e) {
        return problem(HttpStatus.BAD_GATEWAY, "Broker failure", e.getMessage());
    }

    /** The broker did not answer (down, unreachable, timed out) or refused a request. */
    @ExceptionHandler(KafkaException.class)
    ProblemDetail broker(KafkaException e) {
        return problem(HttpStatus.BAD_GATEWAY, "Broker failure", "the broker failed: " + e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
