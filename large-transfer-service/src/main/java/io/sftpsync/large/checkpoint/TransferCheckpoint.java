package io.sftpsync.large.checkpoint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A file being copied in chunks: which source version (size, mtime and a fingerprint of sampled content), the
 * chunk size it was cut into and the sink temporary the chunks are written to. A restart continues it only for
 * the same source version.
 */
@Entity
@Table(name = "transfer", schema = Checkpoints.SCHEMA)
public class TransferCheckpoint {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, columnDefinition = "text")
    private String path;

    @Column(name = "source_size", nullable = false)
    private long sourceSize;

    @Column(name = "source_mtime", nullable = false)
    private Instant sourceMtime;

    /** SHA-256 over sampled ranges of the source; null in rows written before there was one (V2). */
    @Column(name = "source_fingerprint", length = 64)
    private String sourceFingerprint;

    @Column(name = "chunk_size", nullable = false)
    private long chunkSize;

    @Column(nullable = false, columnDefinition = "text")
    private String temporary;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected TransferCheckpoint() {
        // for JPA
    }

    public TransferCheckpoint(UUID id, String path, long sourceSize, Instant sourceMtime, String sourceFingerprint,
            long chunkSize, String temporary, Instant now) {
        this.id = id;
        this.path = path;
        this.sourceSize = sourceSize;
        this.sourceMtime = sourceMtime;
        this.sourceFingerprint = sourceFingerprint;
        this.chunkSize = chunkSize;
        this.temporary = temporary;
        this.startedAt = now;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String path() {
        return path;
    }

    public long sourceSize() {
        return sourceSize;
    }

    public Instant sourceMtime() {
        return sourceMtime;
    }

    /** Hex SHA-256 over sampled ranges of the source version, or null when the row predates fingerprints. */
    public String sourceFingerprint() {
        return sourceFingerprint;
    }

    public long chunkSize() {
        return chunkSize;
    }

    /** The sink temporary, relative to the sink's base path. */
    public String temporary() {
        return temporary;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
