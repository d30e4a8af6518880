package io.sftpsync.anomaly.consume;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks {@link Observations#stalls()} every {@code interval} on a thread of its own: a stall is the absence of an
 * event, so no consumer would notice it.
 */
public final class StallWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StallWatch.class);

    private final ScheduledExecutorService timer;

    public StallWatch(Observations observations, Duration interval) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anomaly-stall-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                observations.stalls();
            } catch (RuntimeException e) {
                log.warn("stalled-transfer check failed, next try in {}: {}", interval, e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A quarter of the stall limit, between 200 ms and 30 s: a stall is reported at most a quarter late. */
    public static Duration intervalFor(Duration after) {
        Duration quarter = after.dividedBy(4);
        Duration min = Duration.ofMillis(200);
        Duration max = Duration.ofSeconds(30);
        return quarter.compareTo(min) < 0 ? min : quarter.compareTo(max) > 0 ? max : quarter;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
