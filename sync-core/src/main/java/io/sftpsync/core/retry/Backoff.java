package io.sftpsync.core.retry;

import java.time.Duration;

/**
 * Waits between attempts: {@code initial}, doubled each time, at most {@code max}. The sleep is injected
 * so tests never wait for real.
 */
public record Backoff(Duration initial, Duration max, Sleeper sleeper) {

    /** Sleeps; interruptible. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public static Sleeper realSleep() {
        return d -> Thread.sleep(d.toMillis());
    }

    /** Waits before attempt {@code attempt + 1}. */
    public void pause(int attempt) throws InterruptedException {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration d = initial.multipliedBy(factor);
        sleeper.sleep(d.compareTo(max) > 0 ? max : d);
    }
}
