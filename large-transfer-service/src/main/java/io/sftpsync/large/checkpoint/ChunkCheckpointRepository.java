package io.sftpsync.large.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Chunk progress of the transfers in progress. */
interface ChunkCheckpointRepository extends JpaRepository<ChunkCheckpoint, ChunkCheckpoint.Key> {

    List<ChunkCheckpoint> findByTransferIdOrderByChunkIndex(UUID transferId);

    /**
     * Records progress in one statement, whether or not the chunk has a row yet; progress never goes back, and the
     * prefix digest stays with the prefix it was taken of.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            insert into large_transfer.chunk
                (transfer_id, chunk_index, length, durable_bytes, durable_sha256, sha256, updated_at)
            values (:transferId, :chunkIndex, :length, :durableBytes, :durableSha256, :sha256, :now)
            on conflict (transfer_id, chunk_index) do update
            set durable_bytes = greatest(chunk.durable_bytes, excluded.durable_bytes),
                durable_sha256 = case when excluded.durable_bytes >= chunk.durable_bytes
                                      then excluded.durable_sha256 else chunk.durable_sha256 end,
                sha256 = coalesce(excluded.sha256, chunk.sha256), updated_at = excluded.updated_at""")
    int upsert(UUID transferId, int chunkIndex, long length, long durableBytes, String durableSha256, String sha256,
            Instant now);

    @Modifying
    @Query("delete from ChunkCheckpoint c where c.transferId = :transferId and c.chunkIndex = :chunkIndex")
    int deleteChunk(UUID transferId, int chunkIndex);
}
