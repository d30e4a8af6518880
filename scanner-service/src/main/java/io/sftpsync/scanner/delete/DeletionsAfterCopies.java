package io.sftpsync.scanner.delete;

import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.paths.RelativePath;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a scan's {@link DeletionPlan} until the copies queued up to its end have all got a result, then has the
 * {@link Deleter} carry it out; as rclone's {@code --delete-after}, a failed copy cancels it (a failure may mean the
 * source is not what it seems), and the next scan decides again. One plan at a time: while one waits, later scans'
 * plans are dropped, so that a busy sink cannot postpone deletions for ever. For the continuous mode; the once mode
 * carries out its one plan itself once its results are in.
 */
public final class DeletionsAfterCopies implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeletionsAfterCopies.class);

    private final Deleter deleter;
    private final Predicate<Instant> copiesPendingBefore;
    private final ScheduledExecutorService timer;
    private DeletionPlan pending;

    /**
     * @param copiesPendingBefore whether a copy queued before the given instant still has no result (expired ones
     *                            aside): the scanner's in-flight registry
     * @param interval            how often to look
     */
    public DeletionsAfterCopies(Deleter deleter, Predicate<Instant> copiesPendingBefore, Duration interval) {
        this.deleter = deleter;
        this.copiesPendingBefore = copiesPendingBefore;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deletions");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runWhenDue, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A scan ended with files to remove. */
    public synchronized void submit(DeletionPlan plan) {
        if (!plan.ready()) {
            return;
        }
        if (pending != null) {
            log.info("scan {}: its {} deletions are dropped: those of scan {} still wait for copies; a later scan"
                    + " decides again", plan.scanId(), plan.files().size(), pending.scanId());
            return;
        }
        pending = plan;
        log.info("scan {}: {} sink files the source lacks will be removed once the copies queued so far succeed",
                plan.scanId(), plan.files().size());
    }

    /** A transfer's result: a failure cancels the waiting plan. */
    public synchronized void resultArrived(TransferResult result) {
        if (pending != null && result.status() == TransferStatus.FAILED) {
            log.warn("scan {}: its {} deletions are cancelled: the copy of {} failed ({}); the next scan decides again",
                    pending.scanId(), pending.files().size(), RelativePath.printable(result.path()), result.error());
            pending = null;
        }
    }

    /** Forgets the waiting plan: this scanner no longer leads. */
    public synchronized void cancel(String why) {
        if (pending != null) {
            log.info("scan {}: its {} deletions are cancelled: {}", pending.scanId(), pending.files().size(), why);
            pending = null;
        }
    }

    /** The plan waiting for copies, if any. */
    public synchronized DeletionPlan pending() {
        return pending;
    }

    private void runWhenDue() {
        DeletionPlan due;
        synchronized (this) {
            if (pending == null || copiesPendingBefore.test(pending.finishedAt())) {
                return;
            }
            due = pending;
        }
        try {
            DeletionOutcome outcome = deleter.execute(due);
            log.info("scan {}: {} sink files removed ({} moved to the backup directory), {} left as they changed,"
                    + " {} failed", due.scanId(), outcome.removed(), outcome.moved(), outcome.skipped(),
                    outcome.failed().size());
        } catch (RuntimeException e) {
            log.error("scan {}: deletions failed", due.scanId(), e);
        } finally {
            synchronized (this) {
                if (pending == due) {
                    pending = null;
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
