package io.sftpsync.core.topics;

/**
 * Size-class boundaries in bytes: small below {@code small}, medium below {@code large}, large up to and
 * including {@code max}, oversized above.
 */
public record Thresholds(long small, long large, long max) {

    /** The defaults of the system this replaces: 100 MiB, 1 GiB, 10 GiB. */
    public static final Thresholds DEFAULT = new Thresholds(100L << 20, 1L << 30, 10L << 30);

    public Thresholds {
        if (small <= 0) {
            throw new IllegalArgumentException("thresholds.small must be greater than 0, was " + small);
        }
        if (large < small) {
            throw new IllegalArgumentException(
                    "thresholds.large (" + large + ") must be greater than or equal to thresholds.small (" + small + ")");
        }
        if (max < large) {
            throw new IllegalArgumentException(
                    "thresholds.max (" + max + ") must be greater than or equal to thresholds.large (" + large + ")");
        }
    }
}
