package io.sftpsync.large.transfer;

import io.sftpsync.core.diff.SyncDecision;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.events.Approval;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import io.sftpsync.core.manifest.SinkManifest;
import io.sftpsync.core.manifest.SinkManifests;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.retry.Backoff;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.verify.VerificationFailedException;
import io.sftpsync.core.verify.VerifyPolicy;
import io.sftpsync.large.checkpoint.Checkpoints;
import io.sftpsync.large.checkpoint.TransferLock;
import io.sftpsync.large.copy.CopyOutcome;
import io.sftpsync.large.copy.OutputCollisionException;
import io.sftpsync.large.copy.chunked.ChunkedCopy;
import io.sftpsync.large.copy.compress.CompressCopy;
import io.sftpsync.large.copy.compress.CompressOutcome;
import io.sftpsync.large.copy.split.SplitCopy;
import io.sftpsync.large.copy.split.SplitOutcome;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one large file, or an approved oversized one, and says how it went: one transfer per path across all
 * instances, the strategy the operator chose, retries that resume from the checkpoints, and a deadline.
 * Never throws: every outcome is a result.
 */
public final class LargeTransfer {

    private static final Logger log = LoggerFactory.getLogger(LargeTransfer.class);

    private final SftpPool source;
    private final SftpPool sink;
    private final ChunkedCopy chunked;
    private final SplitCopy split;
    private final CompressCopy compress;
    private final Checkpoints checkpoints;
    private final TransferLock lock;
    private final VerifyPolicy verify;
    private final SyncDecision decision;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration timeout;
    private final Clock clock;

    public LargeTransfer(SftpPool source, SftpPool sink, ChunkedCopy chunked, Checkpoints checkpoints,
            TransferLock lock, VerifyPolicy verify, SyncDecision decision, int maxAttempts, Backoff backoff,
            Duration timeout, Clock clock) {
        this.source = source;
        this.sink = sink;
        this.chunked = chunked;
        this.split = new SplitCopy();
        this.compress = new CompressCopy();
        this.checkpoints = checkpoints;
        this.lock = lock;
        this.verify = verify;
        this.decision = decision;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.clock = clock;
    }

    public TransferResult transfer(FileDiscovered event) {
        long start = System.nanoTime();
        if (event.sizeClass() == SizeClass.OVERSIZED && event.approval() == null) {
            return TransferResult.failed(event, millisSince(start), 0, "refused: an oversized file ("
                    + event.size() + " bytes) is transferred only after an operator approves it");
        }
        Instant deadline = clock.instant().plus(timeout);
        Optional<TransferLock.Lease> lease;
        try {
            lease = lock.acquire(event.path(), deadline);
        } catch (SQLException e) {
            return TransferResult.failed(event, millisSince(start), 0, "checkpoint database: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TransferResult.failed(event, millisSince(start), 0, "interrupted while waiting for another "
                    + "transfer of the same file");
        }
        if (lease.isEmpty()) {
            return TransferResult.failed(event, millisSince(start), 0, "another transfer of the same file was still "
                    + "running after " + timeout);
        }
        try (TransferLock.Lease held = lease.get()) {
            return attempts(event, start, deadline);
        }
    }

    private TransferResult attempts(FileDiscovered event, long start, Instant deadline) {
        TransferStrategy strategy = event.approval() == null ? TransferStrategy.CHUNKED : event.approval().strategy();
        String note = null;
        for (int attempt = 1; ; attempt++) {
            try {
                if (strategy == TransferStrategy.CHUNKED && upToDate(event)) {
                    return TransferResult.skipped(event, millisSince(start), "sink already up to date");
                }
                if (strategy != TransferStrategy.CHUNKED && manifestUpToDate(event)) {
                    return TransferResult.skipped(event, millisSince(start), "sink already holds this version as "
                            + strategy + " (" + SinkManifest.pathFor(event.path()) + ")");
                }
                if (attempt == 1) {
                    log.info("{}: {} copy of {} bytes started", RelativePath.printable(event.path()), strategy,
                            event.size());
                }
                CopyOutcome outcome = copy(strategy, event, deadline);
                note = note == null ? outcome.note() : outcome.note() == null ? note : note + "; " + outcome.note();
                long millis = millisSince(start);
                log.info("{}: copied in {} ms ({} bytes sent, {} MB/s, attempt {})",
                        RelativePath.printable(event.path()), millis, outcome.bytesSent(),
                        String.format(Locale.ROOT, "%.1f", outcome.bytesSent() / 1e3 / Math.max(1, millis)), attempt);
                return TransferResult.succeeded(event, outcome.bytesSent(), millis,
                        outcome.sha256(), attempt, outcome.resumedFrom(), note);
            } catch (OutputCollisionException e) {
                log.warn("{}: {}", RelativePath.printable(event.path()), e.getMessage());
                return TransferResult.failed(event, millisSince(start), attempt, e.getMessage());
            } catch (SourceChangedException e) {
                return TransferResult.failed(event, millisSince(start), attempt,
                        e.getMessage() + "; a later scan queues the new version");
            } catch (TimeoutException e) {
                return TransferResult.failed(event, millisSince(start), attempt, "timed out after " + timeout
                        + "; the chunks done so far are kept and the next attempt resumes from them");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TransferResult.failed(event, millisSince(start), attempt,
                        "interrupted (the service is stopping); the next attempt resumes from the checkpoints");
            } catch (IOException | RuntimeException e) {
                if (TransferErrors.isInterruption(e) || Thread.currentThread().isInterrupted()) {
                    Thread.currentThread().interrupt();
                    return TransferResult.failed(event, millisSince(start), attempt,
                            "interrupted (the service is stopping); the next attempt resumes from the checkpoints");
                }
                String reason = TransferErrors.describe(e);
                boolean retry = attempt < maxAttempts && clock.instant().isBefore(deadline)
                        && (e instanceof VerificationFailedException || TransferErrors.isTransient(e));
                if (!retry) {
                    log.warn("{} failed after {} attempt(s): {}", RelativePath.printable(event.path()), attempt,
                            reason);
                    return TransferResult.failed(event, millisSince(start), attempt, reason);
                }
                log.info("{}: attempt {} failed ({}), resuming after a pause", RelativePath.printable(event.path()),
                        attempt, reason);
                try {
                    backoff.pause(attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return TransferResult.failed(event, millisSince(start), attempt, "interrupted: " + reason);
                }
            }
        }
    }

    private CopyOutcome copy(TransferStrategy strategy, FileDiscovered event, Instant deadline)
            throws IOException, TimeoutException, InterruptedException {
        return switch (strategy) {
            case CHUNKED -> chunked.copy(event, source, sink, verify.modeFor(event.path(), event.sizeClass()),
                    deadline);
            case SPLIT -> {
                Approval approval = event.approval();
                SplitOutcome o = split.copy(source, sink, event.path(), event.size(), event.sourceMtime(),
                        approval.partSize());
                yield new CopyOutcome(o.bytes(), o.sha256(), 0, "split into " + o.parts().size() + " part(s) of "
                        + approval.partSize() + " bytes; manifest " + o.manifest());
            }
            case COMPRESS -> {
                CompressOutcome o = compress.copy(source, sink, event.path(), event.size(),
                        event.sourceMtime());
                yield new CopyOutcome(o.bytes(), o.sha256(), 0, "compressed to " + o.compressedBytes()
                        + " bytes as " + o.target());
            }
            // The listener dead-letters these first; this only keeps the service from running one.
            case EXTERNAL -> throw new IllegalArgumentException("the EXTERNAL strategy is run by another system");
        };
    }

    /** The sink already has this version (a redelivered event): any leftover checkpoint goes too. */
    private boolean upToDate(FileDiscovered event) throws IOException {
        if (event.reason() == SyncReason.CONTENT_DIFFERS) {
            // The audit found other bytes behind a matching size and mtime: copy anyway (a redelivery copies again).
            return false;
        }
        Optional<RemoteFile> atSink = RemoteWalker.stat(sink, event.path());
        RemoteFile expected = new RemoteFile(event.path(), event.size(), event.sourceMtime());
        if (atSink.isEmpty() || decision.decide(expected, atSink.get()).isPresent()) {
            return false;
        }
        checkpoints.find(event.path()).ifPresent(c -> chunked.discard(sink, c.transfer()));
        return true;
    }

    /**
     * The sink's manifest records this version written by this strategy (and part size): a redelivered approved
     * record, so nothing is copied again.
     */
    private boolean manifestUpToDate(FileDiscovered event) throws IOException {
        Approval approval = event.approval();
        Optional<SinkManifest> manifest = sink.call(dst -> SinkManifests.read(dst, event.path()));
        return manifest.isPresent() && manifest.get().describes(event.size(), event.sourceMtime(),
                approval.strategy(), approval.partSize());
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
