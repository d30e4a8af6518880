package io.sftpsync.approval.web;

import io.sftpsync.approval.decision.ApprovalNotFoundException;
import io.sftpsync.approval.decision.Decisions;
import io.sftpsync.approval.query.ApprovalQueries;
import io.sftpsync.approval.store.ApprovalRow;
import io.sftpsync.approval.transfer.Transfers;
import io.sftpsync.core.events.TransferStrategy;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The approval queue over HTTP. Reading needs a user, deciding an operator (sync-boot's security); the operator
 * recorded is always the authenticated user, never a field of the body.
 */
@RestController
@RequestMapping("/api/approvals")
public class ApprovalController {

    /** A page of approvals, newest-updated first. */
    public record Page(List<ApprovalView> items, int page, int size, long total) {
    }

    private final ApprovalQueries queries;
    private final Decisions decisions;
    private final Transfers transfers;

    public ApprovalController(ApprovalQueries queries, Decisions decisions, Transfers transfers) {
        this.queries = queries;
        this.decisions = decisions;
        this.transfers = transfers;
    }

    /**
     * @param status comma-separated states; all when empty
     * @param path   a substring of the path
     */
    @GetMapping
    public Page list(@RequestParam(required = false) String status, @RequestParam(required = false) String path,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw new BadRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > 200) {
            throw new BadRequestException("size", "must be between 1 and 200");
        }
        ApprovalQueries.Found found;
        try {
            found = queries.list(ApprovalQueries.states(status), path, page, size);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status", e.getMessage());
        }
        return new Page(found.rows().stream().map(this::view).toList(), page, size, found.total());
    }

    @GetMapping("/{id}")
    public ApprovalView get(@PathVariable String id) {
        return view(queries.find(id).orElseThrow(() -> new ApprovalNotFoundException(id)));
    }

    @GetMapping("/{id}/history")
    public List<ApprovalView.HistoryItem> history(@PathVariable String id) {
        queries.find(id).orElseThrow(() -> new ApprovalNotFoundException(id));
        return queries.history(id).stream().map(ApprovalView.HistoryItem::of).toList();
    }

    /**
     * Approves with a strategy. Under the two-person rule the first operator's approve answers 202 with the
     * approval still PENDING and {@code firstApprover} set: one more operator must approve the same choice.
     */
    @PostMapping("/{id}/approve")
    public ResponseEntity<ApprovalView> approve(@PathVariable String id, @RequestBody Requests.Approve body,
            Authentication user) {
        TransferStrategy strategy = body.parsedStrategy();
        Long partSize = body.parsedPartSize(strategy);
        Decisions.Approved approved = decisions.approve(id, user.getName(), strategy, partSize, body.comment());
        return ResponseEntity.status(approved.awaitingSecond() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(view(approved.approval()));
    }

    @PostMapping("/{id}/reject")
    public ApprovalView reject(@PathVariable String id, @RequestBody Requests.Reject body, Authentication user) {
        return view(decisions.reject(id, user.getName(), body.required()));
    }

    /** Runs a FAILED approval again, with the strategy it was approved with. */
    @PostMapping("/{id}/retry")
    public ApprovalView retry(@PathVariable String id, Authentication user) {
        return view(decisions.retry(id, user.getName()));
    }

    /** The outcome of an EXTERNAL approval, reported by the system that ran it. */
    @PostMapping("/{id}/outcome")
    public ApprovalView outcome(@PathVariable String id, @RequestBody Requests.Outcome body, Authentication user) {
        boolean done = body.done();
        return view(transfers.outcome(id, user.getName(), done, body.detail()));
    }

    private ApprovalView view(ApprovalRow row) {
        return ApprovalView.of(row, decisions.twoPersonRequired(row.size()));
    }
}
