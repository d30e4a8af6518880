package io.sftpsync.anomaly.consume;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks {@link LateArrivals#check()} every {@code interval} on a thread of its own: a file that fails to arrive is
 * the absence of an event, so no consumer would notice it.
 */
public final class ArrivalWatch implements AutoCloseable {

    /** How often the rhythms are checked: a missed window is reported at most this late (after its tolerance). */
    public static final Duration INTERVAL = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(ArrivalWatch.class);

    private final ScheduledExecutorService timer;

    public ArrivalWatch(LateArrivals lateArrivals, Duration interval) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anomaly-arrival-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                int raised = lateArrivals.check();
                if (raised > 0) {
                    log.info("late-arrival check: {} new LATE_ARRIVAL", raised);
                }
            } catch (RuntimeException e) {
                log.warn("late-arrival check failed, next try in {}: {}", interval, e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
