package io.sftpsync.large.checkpoint;

import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.paths.TempNames;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store of chunked transfers in PostgreSQL (schema {@value #SCHEMA}): what a restarted transfer, in this
 * process or another, continues from.
 */
public final class Checkpoints {

    /** The service's own schema. */
    public static final String SCHEMA = "large_transfer";

    private final TransferCheckpointRepository transfers;
    private final ChunkCheckpointRepository chunks;
    private final TransactionTemplate tx;
    private final Clock clock;

    Checkpoints(TransferCheckpointRepository transfers, ChunkCheckpointRepository chunks, TransactionTemplate tx,
            Clock clock) {
        this.transfers = transfers;
        this.chunks = chunks;
        this.tx = tx;
        this.clock = clock;
    }

    /** The transfer of a path, if one is recorded. */
    public Optional<Checkpoint> find(String path) {
        return tx.execute(s -> transfers.findByPath(path)
                .map(t -> new Checkpoint(t, chunks.findByTransferIdOrderByChunkIndex(t.id()))));
    }

    /**
     * Records a new transfer of a source version, replacing any earlier record of the path.
     *
     * @param source      the source version: size and mtime
     * @param fingerprint the version's fingerprint (SHA-256 over sampled ranges)
     * @param chunkSize   bytes per chunk
     * @return the transfer, with a new id and the temporary name that goes with it
     */
    public TransferCheckpoint start(RemoteFile source, String fingerprint, long chunkSize) {
        UUID id = UUID.randomUUID();
        String temporary = TempNames.transferTemporary(source.path(), id.toString().replace("-", ""));
        return tx.execute(s -> {
            transfers.findByPath(source.path()).ifPresent(old -> {
                transfers.delete(old);
                transfers.flush();
            });
            return transfers.save(new TransferCheckpoint(id, source.path(), source.size(), source.mtime(),
                    fingerprint, chunkSize, temporary, clock.instant()));
        });
    }

    /** Records that the sink has the first {@code durableBytes} of a chunk durably, and their SHA-256. */
    public void durable(UUID transferId, int chunk, long length, long durableBytes, String durableSha256) {
        upsert(transferId, chunk, length, durableBytes, durableSha256, null);
    }

    /** Records a complete chunk and its digest. */
    public void complete(UUID transferId, int chunk, long length, String sha256) {
        upsert(transferId, chunk, length, length, sha256, sha256);
    }

    /** Forgets a chunk's progress, e.g. when its bytes at the sink failed verification. */
    public void forgetChunk(UUID transferId, int chunk) {
        tx.executeWithoutResult(s -> chunks.deleteChunk(transferId, chunk));
    }

    /** Forgets a transfer and its chunks: it finished, or is abandoned. */
    public void forget(UUID transferId) {
        tx.executeWithoutResult(s -> transfers.deleteById(transferId));
    }

    /** Transfers without progress since a moment, oldest first. */
    public List<TransferCheckpoint> idleSince(Instant before) {
        return tx.execute(s -> transfers.findByUpdatedAtBeforeOrderByUpdatedAt(before));
    }

    private void upsert(UUID transferId, int chunk, long length, long durableBytes, String durableSha256,
            String sha256) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            chunks.upsert(transferId, chunk, length, durableBytes, durableSha256, sha256, now);
            transfers.touch(transferId, now);
        });
    }
}
