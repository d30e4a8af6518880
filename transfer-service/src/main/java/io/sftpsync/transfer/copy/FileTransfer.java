package io.sftpsync.transfer.copy;

import io.sftpsync.core.copy.CopyOutcome;
import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.core.copy.TemporaryCheck;
import io.sftpsync.core.copy.WriteOptions;
import io.sftpsync.core.diff.SyncDecision;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.retry.Backoff;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.verify.VerificationFailedException;
import io.sftpsync.core.verify.VerifyPolicy;
import io.sftpsync.transfer.verify.Verifier;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one file and says how it went: re-checks the sink (an event may be delivered twice), copies,
 * verifies, and retries transient failures with back-off. Never throws: every outcome is a result.
 */
public final class FileTransfer {

    private static final Logger log = LoggerFactory.getLogger(FileTransfer.class);

    /** Pools per compression setting: {@code true} for a compressed connection. */
    private final Function<Boolean, SftpPool> sources;
    private final Function<Boolean, SftpPool> sinks;
    private final Function<FileDiscovered, Boolean> compress;
    private final FileCopier copier;
    /** fsync and mode bits per size class. */
    private final Function<SizeClass, WriteOptions> writeOptions;
    private final VerifyPolicy verifyPolicy;
    private final SyncDecision decision;
    private final int maxAttempts;
    private final Backoff backoff;

    public FileTransfer(Function<Boolean, SftpPool> sources, Function<Boolean, SftpPool> sinks,
            Function<FileDiscovered, Boolean> compress, FileCopier copier,
            Function<SizeClass, WriteOptions> writeOptions, VerifyPolicy verifyPolicy, SyncDecision decision,
            int maxAttempts, Backoff backoff) {
        this.sources = sources;
        this.sinks = sinks;
        this.compress = compress;
        this.copier = copier;
        this.writeOptions = writeOptions;
        this.verifyPolicy = verifyPolicy;
        this.decision = decision;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    public TransferResult transfer(FileDiscovered event) {
        long start = System.nanoTime();
        boolean compressed = compress.apply(event);
        SftpPool source = sources.apply(compressed);
        SftpPool sink = sinks.apply(compressed);
        TemporaryCheck check = Verifier.forMode(verifyPolicy.modeFor(event.path(), event.sizeClass()));
        WriteOptions options = writeOptions.apply(event.sizeClass());
        RemoteFile expected = new RemoteFile(event.path(), event.size(), event.sourceMtime());
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<RemoteFile> atSink = RemoteWalker.stat(sink, event.path());
                // The audit found other bytes behind a matching size and mtime: copy anyway. A redelivered
                // CONTENT_DIFFERS event copies once more, which only costs the bytes.
                if (atSink.isPresent() && event.reason() != SyncReason.CONTENT_DIFFERS
                        && decision.decide(expected, atSink.get()).isEmpty()) {
                    return TransferResult.skipped(event, millisSince(start), "sink already up to date");
                }
                // Verified before the rename: a copy that fails it never takes the real name.
                CopyOutcome outcome = copier.copy(source, sink, event.path(), event.size(), event.sourceMtime(),
                        check, options);
                return TransferResult.succeeded(event, outcome.bytes(), millisSince(start), outcome.sha256(),
                        attempt, 0, null);
            } catch (SourceChangedException e) {
                return TransferResult.failed(event, millisSince(start), attempt,
                        e.getMessage() + "; a later scan queues the new version");
            } catch (IOException | RuntimeException e) {
                if (TransferErrors.isInterruption(e) || Thread.currentThread().isInterrupted()) {
                    Thread.currentThread().interrupt();
                    return TransferResult.failed(event, millisSince(start), attempt,
                            "interrupted (the service is stopping): " + TransferErrors.describe(e));
                }
                boolean retry = attempt < maxAttempts
                        && (e instanceof VerificationFailedException || TransferErrors.isTransient(e));
                String reason = TransferErrors.describe(e);
                if (!retry) {
                    log.warn("{} failed after {} attempt(s): {}", RelativePath.printable(event.path()), attempt, reason);
                    return TransferResult.failed(event, millisSince(start), attempt, reason);
                }
                log.info("{}: attempt {} failed ({}), retrying", RelativePath.printable(event.path()), attempt, reason);
                try {
                    backoff.pause(attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return TransferResult.failed(event, millisSince(start), attempt, "interrupted: " + reason);
                }
            }
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
