package io.sftpsync.boot.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stops a transfer listener without failing what it was doing: before the listener containers stop (a later
 * phase), the listener takes no more records, running copies get the grace period to finish, and the rest are
 * interrupted; the listener then leaves their records uncommitted, without a result, so the next start resumes
 * them.
 */
public final class GracefulStop implements SmartLifecycle {

    /** What a listener does for a graceful stop. */
    public interface Drainable {
        /** Takes no more records: those delivered from now on stay uncommitted. */
        void stopTaking();

        /** The grace period is over: what interrupted copies report is not their result. */
        void abandon();

        /** Copies running. */
        int running();
    }

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final String what;
    private final Drainable listener;
    private final ExecutorService workers;
    private final Duration grace;
    private volatile boolean running;

    /**
     * @param what     the copies, for the log ("large transfers")
     * @param listener the listener
     * @param workers  the threads the copies run on
     * @param grace    how long running copies may finish
     */
    public GracefulStop(String what, Drainable listener, ExecutorService workers, Duration grace) {
        this.what = what;
        this.listener = listener;
        this.workers = workers;
        this.grace = grace;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        listener.stopTaking();
        workers.shutdown();
        int busy = listener.running();
        try {
            if (busy > 0) {
                log.info("stopping: waiting up to {} for {} {} to finish", grace, busy, what);
            }
            if (workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            log.warn("stopping: {} {} still running after the {} grace period are interrupted; their records stay "
                    + "uncommitted and the next start resumes them", listener.running(), what, grace);
            listener.abandon();
            workers.shutdownNow();
            workers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            listener.abandon();
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the listener containers (which stop at {@code Integer.MAX_VALUE - 100}). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
