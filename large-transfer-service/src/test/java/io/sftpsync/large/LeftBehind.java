package io.sftpsync.large;

import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.large.checkpoint.Checkpoints;
import io.sftpsync.large.checkpoint.TransferCheckpoint;
import io.sftpsync.large.copy.chunked.DurableSync;
import io.sftpsync.large.copy.chunked.RangeCopier;
import io.sftpsync.large.copy.chunked.SourceFingerprint;
import java.io.IOException;
import java.time.Instant;

/**
 * What an instance that stopped mid-file leaves behind, made the way the chunked copy makes it: a checkpoint row
 * with the source's fingerprint, the temporary at the sink with the first chunks in it, those chunks recorded, and
 * optionally the next chunk written whole but recorded only up to its last durable piece (a kill in between).
 */
final class LeftBehind {

    private LeftBehind() {
    }

    static TransferCheckpoint transfer(Checkpoints checkpoints, SftpPools pools, String path, long size,
            Instant mtime, long chunk, int chunksDone, boolean partialNext) throws IOException {
        RangeCopier copier = new RangeCopier();
        RemoteFile file = new RemoteFile(path, size, mtime);
        TransferCheckpoint t = checkpoints.start(file, SourceFingerprint.of(pools.source(), file), chunk);
        copier.createTemporary(pools.sink(), t.temporary());
        try (DurableSync sync = new DurableSync(t.temporary())) {
            for (int i = 0; i < chunksDone + (partialNext ? 1 : 0); i++) {
                int index = i;
                long length = Math.min(chunk, size - i * chunk);
                boolean partial = i == chunksDone;
                String sha = copier.copyRange(pools.source(), pools.sink(), path, t.temporary(), i * chunk, length,
                        0, file, sync, (durable, prefix) -> {
                            if (partial) {
                                checkpoints.durable(t.id(), index, length, durable, prefix);
                            }
                        });
                if (!partial) {
                    checkpoints.complete(t.id(), i, length, sha);
                }
            }
        }
        return t;
    }
}
