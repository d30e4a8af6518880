package io.sftpsync.core.bandwidth;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.LocalTime;
import java.util.function.LongSupplier;

/**
 * One server's bandwidth limit as every transfer to it pays it: one token bucket shared by all its channels,
 * at the rate the {@link Bandwidth} timetable gives for the time of day (looked up at most once a second; a new
 * rate starts a new bucket).
 */
public final class Throttle {

    private static final long SECOND = 1_000_000_000L;

    private final Bandwidth bandwidth;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final TokenBucket.Sleeper sleeper;
    private volatile TokenBucket bucket;
    private volatile long rate = -1;
    private volatile long lookedUp;

    /**
     * @param clock    wall clock and zone for the timetable
     * @param nanoTime monotonic clock of the bucket
     */
    public Throttle(Bandwidth bandwidth, Clock clock, LongSupplier nanoTime, TokenBucket.Sleeper sleeper) {
        this.bandwidth = bandwidth;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** A throttle on the system's clocks, in the system's time zone. */
    public static Throttle of(Bandwidth bandwidth) {
        return new Throttle(bandwidth, Clock.systemDefaultZone(), System::nanoTime, TokenBucket::sleep);
    }

    public Bandwidth bandwidth() {
        return bandwidth;
    }

    /** Bytes per second allowed now; 0 when unlimited now. */
    public long currentRate() {
        long now = nanoTime.getAsLong();
        if (rate < 0 || now - lookedUp >= SECOND) {
            synchronized (this) {
                if (rate < 0 || now - lookedUp >= SECOND) {
                    long r = bandwidth.bytesPerSecondAt(LocalTime.now(clock));
                    if (r != rate) {
                        bucket = r == 0 ? null : new TokenBucket(r, nanoTime, sleeper);
                        rate = r;
                    }
                    lookedUp = now;
                }
            }
        }
        return rate;
    }

    /**
     * Pays for {@code bytes} about to be sent or asked for, waiting while the bucket is in debt.
     *
     * @param what the request, named in the exception when the wait is interrupted
     * @throws InterruptedIOException when interrupted while waiting (the interrupt status is kept)
     */
    public void acquire(long bytes, String what) throws InterruptedIOException {
        if (bytes <= 0 || currentRate() == 0) {
            return;
        }
        TokenBucket b = bucket;
        if (b == null) {
            return;
        }
        try {
            b.acquire(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for bandwidth (" + what + ")");
        }
    }
}
