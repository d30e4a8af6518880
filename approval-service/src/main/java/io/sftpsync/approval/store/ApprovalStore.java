package io.sftpsync.approval.store;

import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.SyncEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The approval tables as the rest of the service uses them. Every method expects to run inside the caller's
 * transaction, so a change, its history entry and the records announcing it commit together or not at all.
 */
public final class ApprovalStore {

    public static final String SCHEMA = "approval";

    private final ApprovalRepository approvals;
    private final HistoryRepository history;
    private final OutboxRepository outbox;
    private final JdbcTemplate jdbc;

    public ApprovalStore(ApprovalRepository approvals, HistoryRepository history, OutboxRepository outbox,
            JdbcTemplate jdbc) {
        this.approvals = approvals;
        this.history = history;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    public ApprovalRepository approvals() {
        return approvals;
    }

    public Optional<ApprovalRow> find(String id) {
        return approvals.findById(id);
    }

    /** Serialises intake of one path until the transaction ends, whichever process or thread takes it. */
    public void lockPath(String path) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?))::text", String.class, path);
    }

    public ApprovalRow save(ApprovalRow row) {
        return approvals.save(row);
    }

    /** Moves the row to {@code to} and appends the history entry; the caller has checked the state machine. */
    public void move(ApprovalRow row, ApprovalState to, String actor, String comment, Instant now) {
        ApprovalState from = row.state();
        row.move(to, now);
        approvals.save(row);
        record(row, from, to, actor, comment, now);
    }

    /** Appends a history entry without a state change (from equals to), such as a two-person first approval. */
    public void record(ApprovalRow row, ApprovalState from, ApprovalState to, String actor, String comment,
            Instant now) {
        history.save(new HistoryRow(row.id(), now, from, to, actor, row.strategy() != null ? row.strategy()
                : row.firstStrategy(), row.strategy() != null ? row.partSize() : row.firstPartSize(), comment));
    }

    public List<HistoryRow> history(String approvalId) {
        return history.findByApprovalIdOrderByIdAsc(approvalId);
    }

    /** Queues an event to be published once this transaction commits. */
    public void send(String topic, String key, SyncEvent event, Instant now) {
        outbox.save(new OutboxRow(topic, key, event.getClass().getSimpleName(), EventCodec.encode(event), now));
    }
}
