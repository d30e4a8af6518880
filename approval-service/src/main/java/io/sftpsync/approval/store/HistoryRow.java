package io.sftpsync.approval.store;

import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.core.events.TransferStrategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of an approval's append-only history: written once, never changed. */
@Entity
@Table(name = "approval_history", schema = ApprovalStore.SCHEMA)
public class HistoryRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "approval_id", nullable = false, columnDefinition = "text", updatable = false)
    private String approvalId;
    @Column(nullable = false, updatable = false)
    private Instant at;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", columnDefinition = "text", updatable = false)
    private ApprovalState fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false, columnDefinition = "text", updatable = false)
    private ApprovalState toState;
    @Column(nullable = false, columnDefinition = "text", updatable = false)
    private String actor;
    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "text", updatable = false)
    private TransferStrategy strategy;
    @Column(name = "part_size", updatable = false)
    private Long partSize;
    @Column(columnDefinition = "text", updatable = false)
    private String comment;

    protected HistoryRow() {
        // for JPA
    }

    public HistoryRow(String approvalId, Instant at, ApprovalState fromState, ApprovalState toState, String actor,
            TransferStrategy strategy, Long partSize, String comment) {
        this.approvalId = approvalId;
        this.at = at;
        this.fromState = fromState;
        this.toState = toState;
        this.actor = actor;
        this.strategy = strategy;
        this.partSize = partSize;
        this.comment = comment;
    }

    public Instant at() {
        return at;
    }

    public ApprovalState fromState() {
        return fromState;
    }

    public ApprovalState toState() {
        return toState;
    }

    public String actor() {
        return actor;
    }

    public TransferStrategy strategy() {
        return strategy;
    }

    public Long partSize() {
        return partSize;
    }

    public String comment() {
        return comment;
    }
}
