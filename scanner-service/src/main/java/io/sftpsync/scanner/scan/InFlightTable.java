package io.sftpsync.scanner.scan;

/**
 * The in-flight registry's memory: an open-addressing hash table (linear probing) of 64-bit path keys to a
 * 64-bit version, a 64-bit event id and a queued-at second, in four primitive arrays. 28 bytes a slot and no
 * object per entry, so a million queued files take about 60 MB instead of the ~220 MB of a map of strings to
 * records: 37 to 75 bytes an entry while it fills (three eighths to three quarters of the slots used), and
 * for a moment three times that while it grows, as the old arrays are copied into the new. Entries end with
 * their results and the table shrinks as they do, once an eighth full. Not thread-safe: {@link InFlightRegistry}
 * guards it. Key 0 marks an empty slot, so callers never pass it.
 */
final class InFlightTable {

    private static final int MIN_CAPACITY = 16;

    private long[] keys;
    private long[] versions;
    private long[] events;
    /** Seconds since 1970, unsigned (good until 2106). */
    private int[] queuedAt;
    private int size;

    InFlightTable() {
        allocate(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    int capacity() {
        return keys.length;
    }

    /** The slot of the key, or -1. */
    int find(long key) {
        int mask = keys.length - 1;
        for (int i = home(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return i;
            }
            if (keys[i] == 0) {
                return -1;
            }
        }
    }

    long version(int slot) {
        return versions[slot];
    }

    long event(int slot) {
        return events[slot];
    }

    long queuedAt(int slot) {
        return Integer.toUnsignedLong(queuedAt[slot]);
    }

    void put(long key, long version, long event, long queuedAtSecond) {
        if ((size + 1) * 4L > keys.length * 3L) {
            rehash(keys.length * 2);
        }
        int mask = keys.length - 1;
        int i = home(key, mask);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        set(i, key, version, event, (int) queuedAtSecond);
    }

    /** Removes the key's entry, if any; the table shrinks once an eighth full, so results give memory back. */
    void remove(long key) {
        int slot = find(key);
        if (slot >= 0) {
            removeAt(slot);
            shrinkIfSparse();
        }
    }

    /** How many entries were queued before the given second. */
    int countQueuedBefore(long second) {
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && queuedAt(i) < second) {
                n++;
            }
        }
        return n;
    }

    /** Removes every entry queued before the given second; returns how many. */
    int removeQueuedBefore(long second) {
        int removed = 0;
        // A removal shifts later entries of the cluster back into the slot, so the slot is looked at again.
        for (int i = 0; i < keys.length; ) {
            if (keys[i] != 0 && queuedAt(i) < second) {
                removeAt(i);
                removed++;
            } else {
                i++;
            }
        }
        shrinkIfSparse();
        return removed;
    }

    /** Halves and more once an eighth full, to a quarter full at most: far from the growth at three quarters. */
    private void shrinkIfSparse() {
        if (keys.length > MIN_CAPACITY && size * 8L < keys.length) {
            rehash(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size)) * 4));
        }
    }

    /** Backward-shift deletion: no markers left behind, so lookups stay short after many removals. */
    private void removeAt(int hole) {
        int mask = keys.length - 1;
        for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = home(keys[j], mask);
            // The entry at j may fill the hole when the hole lies on its probe path (from home to j).
            if (((hole - home) & mask) < ((j - home) & mask)) {
                set(hole, keys[j], versions[j], events[j], queuedAt[j]);
                hole = j;
            }
        }
        keys[hole] = 0;
        size--;
    }

    private void set(int i, long key, long version, long event, int queued) {
        keys[i] = key;
        versions[i] = version;
        events[i] = event;
        queuedAt[i] = queued;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        long[] oldVersions = versions;
        long[] oldEvents = events;
        int[] oldQueued = queuedAt;
        allocate(capacity);
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = home(oldKeys[j], mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                set(i, oldKeys[j], oldVersions[j], oldEvents[j], oldQueued[j]);
                size++;
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        versions = new long[capacity];
        events = new long[capacity];
        queuedAt = new int[capacity];
        size = 0;
    }

    private static int home(long key, int mask) {
        // Keys are already well mixed (part of a SHA-256); fold the high half in anyway.
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
