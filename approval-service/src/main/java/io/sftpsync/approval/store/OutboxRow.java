package io.sftpsync.approval.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A record to publish, written with the change it announces; deleted once the broker has acknowledged it. */
@Entity
@Table(name = "outbox", schema = ApprovalStore.SCHEMA)
public class OutboxRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, columnDefinition = "text")
    private String topic;
    @Column(nullable = false, columnDefinition = "text")
    private String key;
    /** The event's simple class name in io.sftpsync.core.events, to decode the payload. */
    @Column(name = "event_type", nullable = false, columnDefinition = "text")
    private String eventType;
    @Column(nullable = false)
    private byte[] payload;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected OutboxRow() {
        // for JPA
    }

    public OutboxRow(String topic, String key, String eventType, byte[] payload, Instant createdAt) {
        this.topic = topic;
        this.key = key;
        this.eventType = eventType;
        this.payload = payload;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public String key() {
        return key;
    }

    public String eventType() {
        return eventType;
    }

    public byte[] payload() {
        return payload;
    }
}
