package io.sftpsync.approval.store;

import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.core.events.TransferStrategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One approval: a version of an oversized file, or of a file the risk gate held for a CRITICAL anomaly, its
 * decision, and what became of the transfer.
 */
@Entity
@Table(name = "approvals", schema = ApprovalStore.SCHEMA)
public class ApprovalRow {

    @Id
    private String id;
    @Column(nullable = false, columnDefinition = "text")
    private String path;
    @Column(nullable = false)
    private long size;
    @Column(name = "mtime_seconds", nullable = false)
    private long mtimeSeconds;
    @Column(name = "mtime_nanos", nullable = false)
    private int mtimeNanos;
    @Column(name = "discovered_at", nullable = false)
    private Instant discoveredAt;
    /** The scanner's FileDiscovered as JSON: the record republished once approved. */
    @Column(nullable = false, columnDefinition = "text")
    private String discovery;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "text")
    private ApprovalState state;
    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "text")
    private TransferStrategy strategy;
    @Column(name = "part_size")
    private Long partSize;
    @Column(name = "decided_by", columnDefinition = "text")
    private String decidedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(columnDefinition = "text")
    private String comment;
    /** The two-person rule's first approver and choice, while the second is awaited. */
    @Column(name = "first_approver", columnDefinition = "text")
    private String firstApprover;
    @Enumerated(EnumType.STRING)
    @Column(name = "first_strategy", columnDefinition = "text")
    private TransferStrategy firstStrategy;
    @Column(name = "first_part_size")
    private Long firstPartSize;
    /** The event id of the record last sent to run it: progress and results name it as their causation id. */
    @Column(name = "published_event_id")
    private UUID publishedEventId;
    @Column(columnDefinition = "text")
    private String outcome;
    @Column(name = "bytes_done")
    private Long bytesDone;
    @Column(name = "total_bytes")
    private Long totalBytes;
    @Column(name = "bytes_per_second")
    private Double bytesPerSecond;
    @Column(name = "eta_seconds")
    private Long etaSeconds;
    @Column(name = "progress_at")
    private Instant progressAt;
    /** The anomaly the risk gate held the file for; all null for an oversized file. */
    @Column(name = "anomaly_id", columnDefinition = "text")
    private String anomalyId;
    @Column(name = "anomaly_type", columnDefinition = "text")
    private String anomalyType;
    @Column(name = "anomaly_severity", columnDefinition = "text")
    private String anomalySeverity;
    @Column(name = "anomaly_sentence", columnDefinition = "text")
    private String anomalySentence;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    @Column(nullable = false)
    private long version;

    protected ApprovalRow() {
        // for JPA
    }

    public ApprovalRow(String id, String path, long size, Instant sourceMtime, Instant discoveredAt, String discovery,
            Instant now) {
        this.id = id;
        this.path = path;
        this.size = size;
        this.mtimeSeconds = sourceMtime.getEpochSecond();
        this.mtimeNanos = sourceMtime.getNano();
        this.discoveredAt = discoveredAt;
        this.discovery = discovery;
        this.state = ApprovalState.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Moves to {@code to} (the caller has checked the state machine) and records the decision fields. */
    void move(ApprovalState to, Instant now) {
        this.state = to;
        this.updatedAt = now;
    }

    public void decide(String by, Instant at, TransferStrategy strategy, Long partSize, String comment) {
        this.decidedBy = by;
        this.decidedAt = at;
        this.strategy = strategy;
        this.partSize = partSize;
        this.comment = comment;
    }

    public void firstApproval(String approver, TransferStrategy strategy, Long partSize, Instant now) {
        this.firstApprover = approver;
        this.firstStrategy = strategy;
        this.firstPartSize = partSize;
        this.updatedAt = now;
    }

    /** Records the anomaly a held file waits for. */
    public void heldFor(String id, String type, String severity, String sentence) {
        this.anomalyId = id;
        this.anomalyType = type;
        this.anomalySeverity = severity;
        this.anomalySentence = sentence;
    }

    /** Whether the risk gate held it (rather than its size). */
    public boolean held() {
        return anomalyId != null;
    }

    public void published(UUID eventId) {
        this.publishedEventId = eventId;
    }

    public void outcome(String outcome) {
        this.outcome = outcome;
    }

    public void progress(long bytesDone, long totalBytes, double bytesPerSecond, Long etaSeconds, Instant at,
            Instant now) {
        this.bytesDone = bytesDone;
        this.totalBytes = totalBytes;
        this.bytesPerSecond = bytesPerSecond;
        this.etaSeconds = etaSeconds;
        this.progressAt = at;
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String path() {
        return path;
    }

    public long size() {
        return size;
    }

    public Instant sourceMtime() {
        return Instant.ofEpochSecond(mtimeSeconds, mtimeNanos);
    }

    public Instant discoveredAt() {
        return discoveredAt;
    }

    public String discovery() {
        return discovery;
    }

    public ApprovalState state() {
        return state;
    }

    public TransferStrategy strategy() {
        return strategy;
    }

    public Long partSize() {
        return partSize;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String comment() {
        return comment;
    }

    public String firstApprover() {
        return firstApprover;
    }

    public TransferStrategy firstStrategy() {
        return firstStrategy;
    }

    public Long firstPartSize() {
        return firstPartSize;
    }

    public UUID publishedEventId() {
        return publishedEventId;
    }

    public String outcome() {
        return outcome;
    }

    public Long bytesDone() {
        return bytesDone;
    }

    public Long totalBytes() {
        return totalBytes;
    }

    public Double bytesPerSecond() {
        return bytesPerSecond;
    }

    public Long etaSeconds() {
        return etaSeconds;
    }

    public Instant progressAt() {
        return progressAt;
    }

    public String anomalyId() {
        return anomalyId;
    }

    public String anomalyType() {
        return anomalyType;
    }

    public String anomalySeverity() {
        return anomalySeverity;
    }

    public String anomalySentence() {
        return anomalySentence;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
