package io.sftpsync.scanner.audit;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.bandwidth.TokenBucket;
import io.sftpsync.core.sftp.SftpPool;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs integrity audits, one at a time (beside a scan is fine): now on the caller's thread (the schedule), or in
 * the background with the id returned at once (the API). Every audit reads the last-audited times first.
 */
public final class Auditor {

    private static final Logger log = LoggerFactory.getLogger(Auditor.class);

    private final Supplier<SftpPool> source;
    private final Supplier<SftpPool> sink;
    private final EventPublisher publisher;
    private final AuditHistory history;
    private final AuditSettings settings;
    private final ThrottledHash hash;
    private final Executor background;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile AuditRun current;
    private volatile AuditReport last;

    /**
     * @param maxRate    bytes per second the audit reads, both sides together
     * @param background runs audits started by {@link #start}
     */
    public Auditor(Supplier<SftpPool> source, Supplier<SftpPool> sink, EventPublisher publisher, AuditHistory history,
            AuditSettings settings, long maxRate, Executor background, Clock clock) {
        this.source = source;
        this.sink = sink;
        this.publisher = publisher;
        this.history = history;
        this.settings = settings;
        this.hash = new ThrottledHash(TokenBucket.perSecond(maxRate));
        this.background = background;
        this.clock = clock;
    }

    /**
     * Audits now, on this thread.
     *
     * @throws AuditInProgressException when an audit is running
     */
    public AuditReport run(String trigger) {
        return execute(claim(trigger));
    }

    /**
     * Starts an audit in the background.
     *
     * @return its id, on its report and on each of its events
     * @throws AuditInProgressException when an audit is running
     */
    public UUID start(String trigger) {
        AuditRun run = claim(trigger);
        try {
            background.execute(() -> {
                try {
                    execute(run);
                } catch (RuntimeException e) {
                    log.error("audit {} failed", run.id(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            release();
            throw e;
        }
        return run.id();
    }

    /** The running audit's report so far, else the last finished one's, if any audit ran. */
    public Optional<AuditReport> latest() {
        AuditRun running = current;
        return running != null ? Optional.of(running.report(null)) : Optional.ofNullable(last);
    }

    private AuditRun claim(String trigger) {
        if (!running.compareAndSet(false, true)) {
            throw new AuditInProgressException();
        }
        AuditRun run = new AuditRun(trigger, source.get(), sink.get(), publisher, settings, hash, clock);
        current = run;
        return run;
    }

    private AuditReport execute(AuditRun run) {
        try {
            AuditHistory.LastAudits known;
            try {
                known = history.read();
            } catch (RuntimeException e) {
                // Without the history every pair counts as never audited: the audit still finds mismatches.
                log.warn("audit {}: could not read the last audits ({}); sampling as if none were known", run.id(),
                        e.getMessage());
                known = AuditHistory.LastAudits.NONE;
            }
            AuditReport report = run.execute(known);
            last = report;
            return report;
        } finally {
            release();
        }
    }

    private void release() {
        current = null;
        running.set(false);
    }
}
