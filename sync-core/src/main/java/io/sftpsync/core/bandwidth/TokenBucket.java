package io.sftpsync.core.bandwidth;

import java.util.function.LongSupplier;

/**
 * Caps a flow at a number of bytes per second: up to one second's worth may pass at once, and bytes beyond what
 * has accrued wait until it has. Threads sharing a bucket reserve their share under its lock and sleep outside
 * it, each for the debt it found, so together they keep to the rate. Time is injected (a nanosecond clock and a
 * sleep), so tests run on a fake clock.
 */
public final class TokenBucket {

    /** Sleeps for a number of nanoseconds. */
    @FunctionalInterface
    public interface Sleeper {
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
    public TokenBucket(long bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
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
    public static TokenBucket perSecond(long bytesPerSecond) {
        return new TokenBucket(bytesPerSecond, System::nanoTime, TokenBucket::sleep);
    }

    /** {@link Thread#sleep(long, int)} for a number of nanoseconds. */
    static void sleep(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }

    /** The rate this bucket keeps to. */
    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /**
     * Takes {@code bytes} from the bucket, waiting as long as they take to accrue when it holds fewer. Bytes
     * beyond a second's worth are taken on credit: the wait then covers them.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void acquire(long bytes) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            tokens = Math.min(capacity, tokens + (now - last) * (double) bytesPerSecond / 1e9);
            last = now;
            tokens -= bytes;
            wait = tokens < 0 ? (long) Math.ceil(-tokens * 1e9 / bytesPerSecond) : 0;
        }
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }
}
