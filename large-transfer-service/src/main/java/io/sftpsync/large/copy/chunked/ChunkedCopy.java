package io.sftpsync.large.copy.chunked;

import io.sftpsync.core.copy.SinkCleanup;
import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.verify.VerificationFailedException;
import io.sftpsync.core.verify.VerifyMode;
import io.sftpsync.large.checkpoint.Checkpoint;
import io.sftpsync.large.checkpoint.Checkpoints;
import io.sftpsync.large.checkpoint.ChunkCheckpoint;
import io.sftpsync.large.checkpoint.TransferCheckpoint;
import io.sftpsync.large.copy.CopyOutcome;
import io.sftpsync.large.progress.ProgressReporter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of the chunked copy: continues from the checkpoints when the source is the version they were
 * made for, copies the missing chunks several at a time into the sink temporary, verifies, and publishes the
 * file under its real name.
 */
public final class ChunkedCopy {

    private static final Logger log = LoggerFactory.getLogger(ChunkedCopy.class);

    private final RangeCopier copier;
    private final Checkpoints checkpoints;
    private final ProgressReporter progress;
    private final PrefixCheck prefixCheck;
    private final long chunkSize;
    private final int streams;

    public ChunkedCopy(RangeCopier copier, Checkpoints checkpoints, ProgressReporter progress, SinkDurability sinkDurability,
            long chunkSize, int streams) {
        this.copier = copier;
        this.checkpoints = checkpoints;
        this.progress = progress;
        this.prefixCheck = new PrefixCheck(copier, checkpoints, sinkDurability, streams);
        this.chunkSize = chunkSize;
        this.streams = streams;
    }

    /**
     * Copies the event's file.
     *
     * @throws SourceChangedException when the source is not the version the event names, or changed meanwhile
     * @throws TimeoutException       when the deadline passed; what is done stays recorded
     * @throws IOException            naming side and path when a server refuses or a connection fails
     */
    public CopyOutcome copy(FileDiscovered event, SftpPool source, SftpPool sink, VerifyMode verify,
            Instant deadline) throws IOException, TimeoutException, InterruptedException {
        RemoteFile expected = new RemoteFile(event.path(), event.size(), event.sourceMtime());
        requireSame(expected, statSource(source, event.path()), "since the scan");
        String fingerprint = SourceFingerprint.of(source, expected);
        Optional<Checkpoint> recorded = checkpoints.find(event.path());
        String note = null;
        if (recorded.isPresent() && event.reason() == SyncReason.CONTENT_DIFFERS) {
            // The audit found other bytes at the sink than the source's: nothing written there before is trusted.
            note = "started over: the integrity audit found the sink's bytes differ from the source's";
            log.info("{}: {}", printable(event), note);
            discard(sink, recorded.get().transfer());
            recorded = Optional.empty();
        }
        OptionalLong temporaryLength = recorded.isPresent()
                ? length(sink, recorded.get().transfer().temporary()) : OptionalLong.empty();
        Checkpoint state;
        switch (ResumeDecision.decide(recorded, expected, fingerprint, temporaryLength)) {
            case ResumeDecision.Resume r -> {
                PrefixCheck.Result checked = prefixCheck.trusted(sink, r.checkpoint(), deadline);
                state = checked.trusted();
                note = checked.note();
                progress.resumed(state.chunks().stream().filter(c -> c.durableBytes() > 0).count());
                log.info("{}: resuming from {} of {} bytes", printable(event), state.durableBytes(), event.size());
            }
            case ResumeDecision.StartOver s -> {
                note = "started over: " + s.reason();
                log.info("{}: {}", printable(event), note);
                discard(sink, s.checkpoint().transfer());
                state = fresh(sink, expected, fingerprint);
            }
            case ResumeDecision.Fresh f -> state = fresh(sink, expected, fingerprint);
        }
        TransferCheckpoint transfer = state.transfer();
        long resumedFrom = state.durableBytes();
        long sent;
        try (ProgressReporter.Tracker tracker = progress.start(transfer.id(), event,
                chunkCount(event.size(), transfer.chunkSize()), resumedFrom)) {
            copyMissingChunks(state, source, sink, expected, tracker, deadline);
            sent = tracker.sent();
        }
        List<ChunkCheckpoint> chunks = checkpoints.find(event.path()).orElseThrow().chunks();
        try {
            requireSame(expected, statSource(source, event.path()), "during the copy");
        } catch (SourceChangedException e) {
            discard(sink, transfer);
            throw e;
        }
        verify(verify, sink, transfer, chunks, event.size(), deadline);
        copier.publish(sink, transfer.temporary(), event.path(), event.sourceMtime(),
                copier.sourceMode(source, event.path()));
        checkpoints.forget(transfer.id());
        String digest = RangeCopier.hashList(chunks.stream().map(ChunkCheckpoint::sha256).toList());
        return new CopyOutcome(sent, digest, resumedFrom, note);
    }

    /** Drops a transfer that will not be continued: its temporary at the sink, then its record. */
    public void discard(SftpPool sink, TransferCheckpoint transfer) {
        SinkCleanup.removeQuietly(sink, transfer.temporary());
        checkpoints.forget(transfer.id());
    }

    private Checkpoint fresh(SftpPool sink, RemoteFile source, String fingerprint) throws IOException {
        TransferCheckpoint t = checkpoints.start(source, fingerprint, chunkSize);
        copier.createTemporary(sink, t.temporary());
        return new Checkpoint(t, List.of());
    }

    private void copyMissingChunks(Checkpoint state, SftpPool source, SftpPool sink, RemoteFile expected,
            ProgressReporter.Tracker tracker, Instant deadline) throws IOException, TimeoutException,
            InterruptedException {
        TransferCheckpoint t = state.transfer();
        Map<Integer, ChunkCheckpoint> known = state.chunks().stream()
                .collect(Collectors.toMap(ChunkCheckpoint::chunkIndex, Function.identity()));
        List<Callable<Void>> tasks = new ArrayList<>();
        int total = chunkCount(expected.size(), t.chunkSize());
        try (DurableSync sync = new DurableSync(t.temporary())) {
            for (int i = 0; i < total; i++) {
                ChunkCheckpoint c = known.get(i);
                if (c != null && c.complete()) {
                    continue;
                }
                int index = i;
                long offset = i * t.chunkSize();
                long length = Math.min(t.chunkSize(), expected.size() - offset);
                long already = c == null ? 0 : c.durableBytes();
                tasks.add(() -> {
                    AtomicLong reported = new AtomicLong(already);
                    String sha = copier.copyRange(source, sink, expected.path(), t.temporary(), offset, length,
                            already, expected, sync, (durable, prefixSha256) -> {
                                tracker.durable(durable - reported.getAndSet(durable));
                                checkpoints.durable(t.id(), index, length, durable, prefixSha256);
                            });
                    // The range is durable at the sink: recorded complete with its digest.
                    tracker.durable(length - reported.getAndSet(length));
                    checkpoints.complete(t.id(), index, length, sha);
                    tracker.chunkDone(index);
                    return null;
                });
            }
            runAll(tasks, deadline, "chunk-");
        }
    }

    /** Checks what the sink holds before it gets the real name. */
    private void verify(VerifyMode mode, SftpPool sink, TransferCheckpoint t, List<ChunkCheckpoint> chunks, long size,
            Instant deadline) throws IOException, TimeoutException, InterruptedException {
        if (mode == VerifyMode.NONE) {
            return;
        }
        long length = length(sink, t.temporary()).orElse(-1);
        if (length != size) {
            discard(sink, t);
            throw new VerificationFailedException("the sink's temporary file has " + length + " bytes, expected "
                    + size);
        }
        if (mode != VerifyMode.CHECKSUM) {
            return;
        }
        List<Callable<Void>> checks = new ArrayList<>();
        List<Integer> bad = Collections.synchronizedList(new ArrayList<>());
        for (ChunkCheckpoint c : chunks) {
            checks.add(() -> {
                String atSink = copier.rangeSha256(sink, t.temporary(), c.chunkIndex() * t.chunkSize(), c.length());
                if (!atSink.equals(c.sha256())) {
                    checkpoints.forgetChunk(t.id(), c.chunkIndex());
                    bad.add(c.chunkIndex());
                }
                return null;
            });
        }
        runAll(checks, deadline, "verify-");
        if (!bad.isEmpty()) {
            throw new VerificationFailedException("checksum mismatch at the sink in chunk(s) " + bad.stream().sorted()
                    .toList() + "; they are copied again");
        }
    }

    /** Runs tasks {@link #streams} at a time; the first failure or the deadline stops the rest. */
    private void runAll(List<Callable<Void>> tasks, Instant deadline, String threadPrefix) throws IOException,
            TimeoutException, InterruptedException {
        if (tasks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(streams, tasks.size()),
                Thread.ofPlatform().name(threadPrefix, 1).daemon(true).factory());
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<Void> f : futures) {
                long wait = Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis());
                try {
                    f.get(wait, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            // The interrupted copies close their channels; wait so none is still writing when this returns.
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IOException(cause);
    }

    private static RemoteFile statSource(SftpPool source, String path) throws IOException {
        return RemoteWalker.stat(source, path).orElseThrow(() -> new SftpOperationException("source", "at",
                source.basePath() + "/" + path, new SftpException(SftpConstants.SSH_FX_NO_SUCH_FILE, "No such file")));
    }

    private static void requireSame(RemoteFile expected, RemoteFile now, String when) throws SourceChangedException {
        if (now.size() != expected.size()) {
            throw new SourceChangedException("source changed " + when + ": size " + expected.size() + " -> "
                    + now.size());
        }
        if (now.mtime().getEpochSecond() != expected.mtime().getEpochSecond()) {
            throw new SourceChangedException("source changed " + when + ": mtime " + expected.mtime() + " -> "
                    + now.mtime());
        }
    }

    private static OptionalLong length(SftpPool sink, String relativePath) throws IOException {
        return RemoteWalker.stat(sink, relativePath).map(f -> OptionalLong.of(f.size())).orElse(OptionalLong.empty());
    }

    static int chunkCount(long size, long chunkSize) {
        return (int) Math.ceilDiv(size, chunkSize);
    }

    private static String printable(FileDiscovered event) {
        return RelativePath.printable(event.path());
    }
}
