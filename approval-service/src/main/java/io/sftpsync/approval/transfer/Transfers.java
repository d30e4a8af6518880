package io.sftpsync.approval.transfer;

import io.sftpsync.approval.decision.ApprovalConflictException;
import io.sftpsync.approval.decision.ApprovalNotFoundException;
import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.approval.state.ApprovalStates;
import io.sftpsync.approval.store.ApprovalRow;
import io.sftpsync.approval.store.ApprovalStore;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.events.TransferStrategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to an approved file after the decision: progress (IN_PROGRESS, the latest figures stored at most
 * once per {@code progressEvery} per approval) and the outcome (DONE or FAILED), from the transfer services'
 * events or, for EXTERNAL, from the other system through the API.
 */
public final class Transfers {

    private final ApprovalStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration progressEvery;
    /** When each approval's progress was last written, to throttle the writes. */
    private final Map<String, Instant> lastProgress = new ConcurrentHashMap<>();

    public Transfers(ApprovalStore store, TransactionTemplate tx, Clock clock, Duration progressEvery) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.progressEvery = progressEvery;
    }

    /** @return whether the progress was of an approval's run and was stored */
    public boolean progress(TransferProgress p) {
        if (p.causationId() == null) {
            return false;
        }
        Boolean stored = tx.execute(status -> {
            Optional<ApprovalRow> found = store.approvals().findByPublishedEventId(p.causationId());
            if (found.isEmpty()) {
                return false;
            }
            ApprovalRow row = found.get();
            Instant now = clock.instant();
            Instant last = lastProgress.get(row.id());
            boolean starting = row.state() == ApprovalState.APPROVED;
            if (!starting && (row.state() != ApprovalState.IN_PROGRESS
                    || last != null && Duration.between(last, now).compareTo(progressEvery) < 0)) {
                return false;
            }
            row.progress(p.bytesDone(), p.totalBytes(), p.bytesPerSecond(), p.etaSeconds(), p.at(), now);
            if (starting) {
                store.move(row, ApprovalState.IN_PROGRESS, "transfer", null, now);
            } else {
                store.save(row);
            }
            lastProgress.put(row.id(), now);
            return true;
        });
        return Boolean.TRUE.equals(stored);
    }

    /** @return whether the result was of an approval's run */
    public boolean result(TransferResult r) {
        Boolean ours = tx.execute(status -> {
            Optional<ApprovalRow> found = store.approvals().findByPublishedEventId(r.causationId());
            if (found.isEmpty()) {
                return false;
            }
            ApprovalRow row = found.get();
            if (row.state() != ApprovalState.APPROVED && row.state() != ApprovalState.IN_PROGRESS) {
                return true; // a redelivered result of a run already finished
            }
            boolean done = r.status() != TransferStatus.FAILED;
            finish(row, done, done ? describe(r) : "FAILED: " + r.error(), "transfer");
            return true;
        });
        return Boolean.TRUE.equals(ours);
    }

    /** The outcome of an EXTERNAL run, as the other system reports it through the API. */
    public ApprovalRow outcome(String id, String reporter, boolean done, String detail) {
        return tx.execute(status -> {
            ApprovalRow row = store.find(id).orElseThrow(() -> new ApprovalNotFoundException(id));
            if (row.strategy() != null && row.strategy() != TransferStrategy.EXTERNAL) {
                throw new ApprovalConflictException("approval " + id + " runs with " + row.strategy()
                        + ": its outcome comes from the large-transfer service, not from the API");
            }
            String text = (done ? "DONE" : "FAILED") + (detail == null || detail.isBlank() ? "" : ": " + detail);
            finish(row, done, text, reporter);
            return row;
        });
    }

    private void finish(ApprovalRow row, boolean done, String outcome, String actor) {
        ApprovalState to = done ? ApprovalState.DONE : ApprovalState.FAILED;
        ApprovalStates.check(row.state(), to);
        row.outcome(outcome);
        store.move(row, to, actor, outcome, clock.instant());
        lastProgress.remove(row.id());
    }

    /** Such as "SUCCEEDED 4.2 MB in 3.1 s". */
    static String describe(TransferResult r) {
        String text = String.format(Locale.ROOT, "%s %.1f MB in %.1f s", r.status(), r.bytes() / 1e6,
                r.durationMs() / 1e3);
        return r.error() == null || r.error().isBlank() ? text : text + " (" + r.error() + ")";
    }
}
