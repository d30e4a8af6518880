package io.sftpsync.core.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate cap on a fake clock: the sleeps it asks for, never a real wait. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    /** A clock that only moves when the bucket sleeps, or when the test says time passed. */
    private final long[] now = {0};
    private final List<Long> sleeps = new ArrayList<>();
    private final TokenBucket.Sleeper sleeper = nanos -> {
        sleeps.add(nanos);
        now[0] += nanos;
    };

    @Test
    void aSecondsWorthIsReadAtOnceAndMoreWaitsForItsShare() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1_000, () -> now[0], sleeper);

        bucket.acquire(600);
        bucket.acquire(400);
        assertThat(sleeps).isEmpty();
        bucket.acquire(250);
        assertThat(sleeps).containsExactly(SECOND / 4);
    }

    @Test
    void tenMegabytesAtOneMegabyteASecondTakeNineSecondsOfSleepAfterTheFirstSecondsBurst()
            throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1_000_000, () -> now[0], sleeper);

        for (int i = 0; i < 320; i++) {
            bucket.acquire(31_250);
        }
        assertThat(now[0]).isEqualTo(9 * SECOND);
    }

    @Test
    void idleTimeRefillsAtMostOneSecondsWorth() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1_000, () -> now[0], sleeper);
        bucket.acquire(1_000);

        now[0] += 60 * SECOND;
        bucket.acquire(1_000);
        assertThat(sleeps).isEmpty();
        bucket.acquire(500);
        assertThat(sleeps).containsExactly(SECOND / 2);
    }

    @Test
    void aReadLargerThanTheBucketIsTakenOnCreditAndWaitedFor() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1_000, () -> now[0], sleeper);

        bucket.acquire(3_000);
        assertThat(sleeps).containsExactly(2 * SECOND);
        bucket.acquire(1);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(1)).isEqualTo(SECOND / 1_000);
    }

    @Test
    void theRateMustBePositive() {
        assertThatThrownBy(() -> new TokenBucket(0, () -> 0, sleeper)).hasMessageContaining("positive");
    }
}
