package io.sftpsync.db.testservice.beta;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of the test service "beta", in its own schema, built by two migrations. */
@Entity
@Table(name = "event", schema = BetaConfiguration.SCHEMA)
public class BetaEvent {

    @Id
    private UUID id;

    @Column(nullable = false, length = 40)
    private String kind;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    private String detail;

    protected BetaEvent() {
    }

    public BetaEvent(UUID id, String kind, Instant occurredAt, String detail) {
        this.id = id;
        this.kind = kind;
        this.occurredAt = occurredAt;
        this.detail = detail;
    }

    public UUID getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getDetail() {
        return detail;
    }
}
