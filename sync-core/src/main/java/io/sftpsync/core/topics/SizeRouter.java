package io.sftpsync.core.topics;

import io.sftpsync.core.events.SizeClass;

/** Classifies a file by its size, and so picks its topic. */
public final class SizeRouter {

    private final Thresholds thresholds;

    public SizeRouter(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public SizeClass classify(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        if (size < thresholds.small()) {
            return SizeClass.SMALL;
        }
        if (size < thresholds.large()) {
            return SizeClass.MEDIUM;
        }
        if (size <= thresholds.max()) {
            return SizeClass.LARGE;
        }
        return SizeClass.OVERSIZED;
    }

    public String topicFor(long size) {
        return Topics.forClass(classify(size));
    }

    public Thresholds thresholds() {
        return thresholds;
    }
}
