package io.sftpsync.large.checkpoint;

import java.util.List;

/**
 * A transfer's record as read at one moment: the transfer and its chunks' progress, by index.
 *
 * @param transfer the transfer
 * @param chunks   the chunks with progress, in index order
 */
public record Checkpoint(TransferCheckpoint transfer, List<ChunkCheckpoint> chunks) {

    public Checkpoint {
        chunks = List.copyOf(chunks);
    }

    /** Bytes the sink has durably, over all chunks. */
    public long durableBytes() {
        return chunks.stream().mapToLong(ChunkCheckpoint::durableBytes).sum();
    }

    /** The furthest byte the checkpoints say the temporary file holds. */
    public long extent() {
        long chunkSize = transfer.chunkSize();
        return chunks.stream().filter(c -> c.durableBytes() > 0)
                .mapToLong(c -> (long) c.chunkIndex() * chunkSize + c.durableBytes()).max().orElse(0);
    }
}
