package io.sftpsync.large.checkpoint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * How far one chunk is: the bytes from its start that the sink has durably and their SHA-256, and the chunk's
 * SHA-256 once complete. Written only after the sink confirmed an fsync of those bytes, or, on a sink without
 * fsync, acknowledged them: a resume re-reads those against the digests before trusting them.
 */
@Entity
@Table(name = "chunk", schema = Checkpoints.SCHEMA)
@IdClass(ChunkCheckpoint.Key.class)
public class ChunkCheckpoint {

    /** The composite key. */
    public static class Key implements Serializable {
        private UUID transferId;
        private int chunkIndex;

        protected Key() {
            // for JPA
        }

        public Key(UUID transferId, int chunkIndex) {
            this.transferId = transferId;
            this.chunkIndex = chunkIndex;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.chunkIndex == chunkIndex && Objects.equals(k.transferId, transferId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(transferId, chunkIndex);
        }
    }

    @Id
    @Column(name = "transfer_id")
    private UUID transferId;

    @Id
    @Column(name = "chunk_index")
    private int chunkIndex;

    @Column(nullable = false)
    private long length;

    @Column(name = "durable_bytes", nullable = false)
    private long durableBytes;

    @Column(length = 64)
    private String sha256;

    /** SHA-256 of the first durableBytes; null in rows written before there was one (V2). */
    @Column(name = "durable_sha256", length = 64)
    private String durableSha256;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ChunkCheckpoint() {
        // for JPA
    }

    /** A chunk's progress as the store holds it (rows are written by {@link Checkpoints}). */
    public ChunkCheckpoint(UUID transferId, int chunkIndex, long length, long durableBytes, String durableSha256,
            String sha256, Instant updatedAt) {
        this.transferId = transferId;
        this.chunkIndex = chunkIndex;
        this.length = length;
        this.durableBytes = durableBytes;
        this.durableSha256 = durableSha256;
        this.sha256 = sha256;
        this.updatedAt = updatedAt;
    }

    public UUID transferId() {
        return transferId;
    }

    public int chunkIndex() {
        return chunkIndex;
    }

    public long length() {
        return length;
    }

    public long durableBytes() {
        return durableBytes;
    }

    /** Hex SHA-256 of the chunk, or null while it is incomplete. */
    public String sha256() {
        return sha256;
    }

    /** Hex SHA-256 of the chunk's first {@link #durableBytes()}, or null when not recorded (an older row). */
    public String durableSha256() {
        return durableSha256;
    }

    public boolean complete() {
        return sha256 != null;
    }
}
