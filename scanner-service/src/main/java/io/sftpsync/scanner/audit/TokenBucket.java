package io.sftpsync.scanner.audit;

import java.util.function.LongSupplier;

/**
 * Caps the audit's reads at a number of bytes per second: up to one second's worth may be read at once, and a
 * read beyond what has accrued waits until it has. Time is injected (a nanosecond clock and a sleep), so tests
 * run on a fake clock.
 */
final class TokenBucket {

    /** Sleeps for a number of nanoseconds. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long bytesPerSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    /**
     * @param bytesPerSecond the rate, positive
     * @param nanoTime       a monotonic clock, as {@link System#nanoTime}
     * @param sleeper        waits, as {@link Thread#sleep(long, int)} does
     */
    TokenBucket(long bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be positive, was " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.capacity = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.last = nanoTime.getAsLong();
    }

    /** A bucket on the system clock. */
    static TokenBucket perSecond(long bytesPerSecond) {
        return new TokenBucket(bytesPerSecond, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /**
     * Takes {@code bytes} from the bucket, waiting as long as they take to accrue when it holds fewer. Bytes
     * beyond a second's worth are taken on credit: the wait then covers them.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    synchronized void acquire(long bytes) throws InterruptedException {
        refill();
        tokens -= bytes;
        if (tokens < 0) {
            long wait = (long) Math.ceil(-tokens * 1e9 / bytesPerSecond);
            sleeper.sleep(wait);
            refill();
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * (double) bytesPerSecond / 1e9);
        last = now;
    }
}
