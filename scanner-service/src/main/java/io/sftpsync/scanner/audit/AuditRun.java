package io.sftpsync.scanner.audit;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.events.FileAudited;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import io.sftpsync.core.listing.WalkOptions;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.audit.AuditHistory.LastAudits;
import io.sftpsync.scanner.diff.ListingMerge;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One integrity audit: walks source and sink in lock step, takes the pairs the scan would call up to date, hashes
 * both sides of each (all of them as the walk meets them, or the sample audited longest ago after the walk), and
 * publishes a {@link FileAudited} per pair to {@code sftp.audits}; a pair whose bytes differ is also queued for
 * re-sync as a {@link FileDiscovered} with {@link SyncReason#CONTENT_DIFFERS}, before its verdict is published.
 */
final class AuditRun {

    static final int MAX_ERRORS = 100;
    private static final Logger log = LoggerFactory.getLogger(AuditRun.class);

    private final UUID auditId = UUID.randomUUID();
    private final String trigger;
    private final SftpPool source;
    private final SftpPool sink;
    private final EventPublisher publisher;
    private final AuditSettings settings;
    private final ThrottledHash hash;
    private final Clock clock;
    private final Instant startedAt;
    private final List<String> errors = new ArrayList<>();
    private final AtomicLong bytesRead = new AtomicLong();
    // Written by the audit's thread only; volatile so that GET .../latest sees the counts of a running audit.
    private volatile long candidates;
    private volatile long audited;
    private volatile long mismatched;
    private volatile long changed;
    private boolean stopped;

    AuditRun(String trigger, SftpPool source, SftpPool sink, EventPublisher publisher, AuditSettings settings,
            ThrottledHash hash, Clock clock) {
        this.trigger = trigger;
        this.source = source;
        this.sink = sink;
        this.publisher = publisher;
        this.settings = settings;
        this.hash = hash;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    UUID id() {
        return auditId;
    }

    /** The report so far; finished once {@link #execute} has returned. */
    AuditReport report(Instant finishedAt) {
        synchronized (errors) {
            return new AuditReport(auditId, trigger, startedAt, finishedAt, candidates, audited, mismatched, changed,
                    bytesRead.get(), errors);
        }
    }

    /** @param history when each path was last audited */
    AuditReport execute(LastAudits history) {
        log.info("audit {} started ({}, {})", auditId, trigger,
                settings.all() ? "every pair" : "the " + settings.limit() + " audited longest ago");
        AuditSample sample = settings.all() ? null : new AuditSample(settings.limit());
        try (var src = RemoteWalker.walk(source, new WalkOptions(settings.followSymlinks(), false),
                    e -> error("source listing: " + e), t -> { }, settings.memory());
                var dst = RemoteWalker.walk(sink, new WalkOptions(settings.followSymlinks(), true),
                    e -> error("sink listing: " + e), t -> { }, settings.memory())) {
            ListingMerge.merge(src, dst, RemoteWalker.PATH_ORDER, (s, d) -> {
                if (stopped || d == null || !settings.filter().accepts(s.path())
                        || settings.decision().decide(s, d).isPresent()) {
                    return;
                }
                candidates++;
                AuditCandidate c = new AuditCandidate(s.path(), s.size(), s.mtime(), history.of(s.path()));
                if (sample == null) {
                    audit(c, d);
                } else {
                    sample.offer(c);
                }
            });
            if (sample != null) {
                for (AuditCandidate c : sample.oldestFirst()) {
                    if (stopped) {
                        break;
                    }
                    statSink(c).ifPresent(d -> audit(c, d));
                }
            }
        } catch (RuntimeException e) {
            error("audit aborted: " + e.getMessage());
            log.error("audit {} aborted", auditId, e);
        }
        AuditReport report = report(clock.instant());
        log.info("audit {} finished: {} pairs looked identical, {} audited, {} differ{}, {} bytes read, {} errors",
                auditId, report.candidates(), report.audited(), report.mismatched(),
                report.changed() == 0 ? "" : ", " + report.changed() + " changed while read", report.bytesRead(),
                report.errors().size());
        return report;
    }

    private Optional<RemoteFile> statSink(AuditCandidate c) {
        try {
            return RemoteWalker.stat(sink, c.path());
        } catch (IOException | RuntimeException e) {
            error(RelativePath.printable(c.path()) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void audit(AuditCandidate c, RemoteFile sinkBefore) {
        RemoteFile sourceBefore = new RemoteFile(c.path(), c.size(), c.mtime());
        try {
            String sourceSha = hash.sha256(source, c.path());
            bytesRead.addAndGet(c.size());
            String sinkSha = hash.sha256(sink, c.path());
            bytesRead.addAndGet(c.size());
            // A pair written while it was read would differ for no fault of the sink: the next audit takes it.
            if (!sourceBefore.equals(RemoteWalker.stat(source, c.path()).orElse(null))
                    || !sinkBefore.equals(RemoteWalker.stat(sink, c.path()).orElse(null))) {
                changed++;
                log.info("audit {}: {} changed while it was read, left for a later audit", auditId,
                        RelativePath.printable(c.path()));
                return;
            }
            Instant now = clock.instant();
            FileAudited verdict = FileAudited.of(auditId, c.path(), c.size(), c.mtime(), sourceSha, sinkSha, now);
            if (!verdict.matched()) {
                FileDiscovered resync = FileDiscovered.of(auditId, c.path(), c.size(), c.mtime(), sinkBefore.size(),
                        sinkBefore.mtime(), SyncReason.CONTENT_DIFFERS, settings.router().classify(c.size()), now);
                publisher.publishAndWait(Topics.forClass(resync.sizeClass()), c.path(), resync);
                mismatched++;
                log.warn("audit {}: {} differs at the sink (SHA-256 {} at the source, {} at the sink), queued for "
                        + "re-sync", auditId, RelativePath.printable(c.path()), sourceSha, sinkSha);
            }
            publisher.publishAndWait(Topics.AUDITS, c.path(), verdict);
            audited++;
        } catch (InterruptedIOException e) {
            stopped = true;
            error("stopped: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            error(RelativePath.printable(c.path()) + ": " + e.getMessage());
        }
    }

    private void error(String message) {
        synchronized (errors) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(message);
            }
        }
    }
}
