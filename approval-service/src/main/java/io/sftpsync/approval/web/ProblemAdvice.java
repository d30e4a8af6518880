package io.sftpsync.approval.web;

import io.sftpsync.approval.decision.ApprovalConflictException;
import io.sftpsync.approval.decision.ApprovalNotFoundException;
import io.sftpsync.approval.decision.NotConfiguredException;
import io.sftpsync.approval.decision.StrategyRefusedException;
import io.sftpsync.approval.state.ForbiddenTransitionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The approval API's errors as RFC 9457 problem details ({@code application/problem+json}). */
@RestControllerAdvice(assignableTypes = ApprovalController.class)
public class ProblemAdvice {

    @ExceptionHandler(ApprovalNotFoundException.class)
    ProblemDetail notFound(ApprovalNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown approval", e.getMessage());
    }

    @ExceptionHandler(ForbiddenTransitionException.class)
    ProblemDetail forbidden(ForbiddenTransitionException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Transition not allowed", e.getMessage());
        p.setProperty("from", e.from().name());
        p.setProperty("to", e.to().name());
        return p;
    }

    @ExceptionHandler(ApprovalConflictException.class)
    ProblemDetail conflict(ApprovalConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    /** Nothing was decided: the transaction rolled back, so the approval is as it was. */
    @ExceptionHandler(NotConfiguredException.class)
    ProblemDetail notConfigured(NotConfiguredException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Not configured", e.getMessage());
    }

    /** Two decisions on the same approval at once: the second lost and may look again. */
    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ProblemDetail concurrent(ObjectOptimisticLockingFailureException e) {
        return problem(HttpStatus.CONFLICT, "Changed meanwhile",
                "the approval was changed by another request at the same time; reload it and decide again");
    }

    @ExceptionHandler(StrategyRefusedException.class)
    ProblemDetail strategyRefused(StrategyRefusedException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        p.setProperty("field", "strategy");
        return p;
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "the body must be a JSON object: " + e.getMostSpecificCause().getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }
}
