package io.sftpsync.large.copy.chunked;

import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.large.checkpoint.Checkpoint;
import io.sftpsync.large.checkpoint.Checkpoints;
import io.sftpsync.large.checkpoint.ChunkCheckpoint;
import io.sftpsync.large.checkpoint.TransferCheckpoint;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What of a transfer's checkpoints a resume may trust. Where the sink offers fsync, all of it: rows are written
 * after the sink's fsync. Where it does not, a recorded chunk may never have reached the sink's disk, so each
 * chunk's recorded part is re-read and hashed at the sink, several at a time, and compared with the digest
 * recorded for it; a chunk that differs (or whose partial digest an older row lacks) is forgotten, so the copy
 * sends it again.
 */
final class PrefixCheck {

    private static final Logger log = LoggerFactory.getLogger(PrefixCheck.class);

    /** What the check found: the checkpoint without the chunks sent again, and the bytes re-read. */
    record Result(Checkpoint trusted, List<Integer> resent, long bytesRead) {

        /** For the transfer's result: which chunks were sent again, or null. */
        String note() {
            return resent.isEmpty() ? null : "sent again chunk(s) " + resent + ", which the sink (without fsync) no "
                    + "longer held as recorded";
        }
    }

    private final RangeCopier copier;
    private final Checkpoints checkpoints;
    private final SinkDurability sinkDurability;
    private final int streams;

    PrefixCheck(RangeCopier copier, Checkpoints checkpoints, SinkDurability sinkDurability, int streams) {
        this.copier = copier;
        this.checkpoints = checkpoints;
        this.sinkDurability = sinkDurability;
        this.streams = streams;
    }

    /**
     * Decides what a resume trusts, re-reading at a sink without fsync.
     *
     * @return the checkpoint without the chunks that did not match, which are forgotten in the store too
     * @throws IOException      naming the path when the sink cannot be read
     * @throws TimeoutException when the deadline passed first
     */
    Result trusted(SftpPool sink, Checkpoint recorded, Instant deadline) throws IOException, TimeoutException,
            InterruptedException {
        if (sinkDurability.offered(sink)) {
            return new Result(recorded, List.of(), 0);
        }
        Result checked = check(sink, recorded, deadline);
        log.info("{}: re-read the {} recorded bytes at the sink (it offers no fsync): {}",
                RelativePath.printable(recorded.transfer().path()), checked.bytesRead(), checked.resent().isEmpty()
                        ? "all as recorded" : "chunk(s) " + checked.resent() + " differ and are sent again");
        return checked;
    }

    private Result check(SftpPool sink, Checkpoint recorded, Instant deadline) throws IOException,
            TimeoutException, InterruptedException {
        TransferCheckpoint t = recorded.transfer();
        List<ChunkCheckpoint> toCheck = recorded.chunks().stream().filter(c -> c.durableBytes() > 0).toList();
        if (toCheck.isEmpty()) {
            return new Result(recorded, List.of(), 0);
        }
        List<Callable<Boolean>> tasks = toCheck.stream().<Callable<Boolean>>map(c -> () -> {
            String expected = c.complete() ? c.sha256() : c.durableSha256();
            return expected != null && expected.equals(copier.rangeSha256(sink, t.temporary(),
                    c.chunkIndex() * t.chunkSize(), c.durableBytes()));
        }).toList();
        List<Boolean> matches = runAll(tasks, deadline);
        Set<Integer> bad = new TreeSet<>();
        for (int i = 0; i < toCheck.size(); i++) {
            if (!matches.get(i)) {
                checkpoints.forgetChunk(t.id(), toCheck.get(i).chunkIndex());
                bad.add(toCheck.get(i).chunkIndex());
            }
        }
        List<ChunkCheckpoint> kept = recorded.chunks().stream().filter(c -> !bad.contains(c.chunkIndex())).toList();
        long read = toCheck.stream().mapToLong(ChunkCheckpoint::durableBytes).sum();
        return new Result(new Checkpoint(t, kept), List.copyOf(bad), read);
    }

    private List<Boolean> runAll(List<Callable<Boolean>> tasks, Instant deadline) throws IOException,
            TimeoutException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(streams, tasks.size()),
                Thread.ofPlatform().name("recheck-", 1).daemon(true).factory());
        try {
            long wait = Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis());
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> f : pool.invokeAll(tasks, wait, TimeUnit.MILLISECONDS)) {
                try {
                    results.add(f.get());
                } catch (CancellationException e) {
                    throw new TimeoutException("the deadline passed while re-reading the recorded chunks");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
