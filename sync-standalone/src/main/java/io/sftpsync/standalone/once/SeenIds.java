package io.sftpsync.standalone.once;

import java.util.UUID;

/**
 * A growing set of UUIDs in about 16 bytes each (21 to 43 with the free slots): open addressing with linear
 * probing over two {@code long[]} arrays, the high and the low half of each id, and no object per id. The
 * nil UUID (all zero bits) marks an empty slot and is held in a flag of its own. Not thread-safe.
 */
final class SeenIds {

    private static final int MIN_CAPACITY = 16;

    private long[] high;
    private long[] low;
    private int size;
    private boolean nil;

    SeenIds() {
        this(0);
    }

    /**
     * @param expected how many ids it will likely hold, so it need not grow to that
     * @throws IllegalArgumentException when expected is negative
     */
    SeenIds(int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected must be greater than or equal to 0: " + expected);
        }
        // Load factor at most 3/4.
        long wanted = Math.max(MIN_CAPACITY, (expected * 4L + 2) / 3);
        allocate((int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1));
    }

    /**
     * Adds the id.
     *
     * @return true when it was not in the set yet
     */
    boolean add(UUID id) {
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        if (hi == 0 && lo == 0) {
            boolean added = !nil;
            nil = true;
            return added;
        }
        if ((size + 1) * 4L > high.length * 3L) {
            rehash(high.length * 2);
        }
        int mask = high.length - 1;
        for (int i = home(hi, lo, mask); ; i = (i + 1) & mask) {
            if (high[i] == hi && low[i] == lo) {
                return false;
            }
            if (high[i] == 0 && low[i] == 0) {
                high[i] = hi;
                low[i] = lo;
                size++;
                return true;
            }
        }
    }

    boolean contains(UUID id) {
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        if (hi == 0 && lo == 0) {
            return nil;
        }
        int mask = high.length - 1;
        for (int i = home(hi, lo, mask); ; i = (i + 1) & mask) {
            if (high[i] == hi && low[i] == lo) {
                return true;
            }
            if (high[i] == 0 && low[i] == 0) {
                return false;
            }
        }
    }

    int size() {
        return size + (nil ? 1 : 0);
    }

    /** Slots allocated, for tests and for a memory estimate (16 bytes each). */
    int capacity() {
        return high.length;
    }

    private void rehash(int capacity) {
        long[] oldHigh = high;
        long[] oldLow = low;
        allocate(capacity);
        int mask = capacity - 1;
        for (int j = 0; j < oldHigh.length; j++) {
            if (oldHigh[j] != 0 || oldLow[j] != 0) {
                int i = home(oldHigh[j], oldLow[j], mask);
                while (high[i] != 0 || low[i] != 0) {
                    i = (i + 1) & mask;
                }
                high[i] = oldHigh[j];
                low[i] = oldLow[j];
                size++;
            }
        }
    }

    private void allocate(int capacity) {
        high = new long[capacity];
        low = new long[capacity];
        size = 0;
    }

    /**
     * The slot an id starts probing at. Random UUIDs are well spread already, but ids may come from anywhere
     * (time-based, sequential in tests), so both halves go through SplitMix64's finaliser.
     */
    static int home(long hi, long lo, int mask) {
        long z = hi * 0x9e3779b97f4a7c15L ^ lo;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return (int) (z ^ (z >>> 31)) & mask;
    }
}
