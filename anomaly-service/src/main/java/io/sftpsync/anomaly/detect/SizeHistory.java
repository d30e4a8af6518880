package io.sftpsync.anomaly.detect;

import java.util.List;
import java.util.Objects;

/**
 * The earlier sizes a new size is judged against, and what they are the sizes of (for the sentence).
 *
 * @param basis what the sizes are
 * @param label the path, name pattern or directory they belong to
 * @param sizes the earlier sizes in bytes, not including the one being judged
 */
public record SizeHistory(Basis basis, String label, List<Long> sizes) {

    /** Whose sizes these are. */
    public enum Basis {
        /** The path's own earlier versions. */
        PATH,
        /** Earlier files of the path's name pattern ({@link NamePattern}). */
        PATTERN,
        /** The other files of the path's directory. */
        DIRECTORY
    }

    public SizeHistory {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(label, "label");
        sizes = List.copyOf(sizes);
    }

    /**
     * The most specific history with enough samples: the path's own versions, else (a new name) its name
     * pattern's files, else its directory's; empty sizes when none has {@code minSamples}, which means no verdict.
     */
    public static SizeHistory choose(int minSamples, SizeHistory own, SizeHistory pattern, SizeHistory directory) {
        for (SizeHistory h : new SizeHistory[] {own, pattern, directory}) {
            if (h != null && h.sizes.size() >= minSamples) {
                return h;
            }
        }
        return new SizeHistory(Basis.PATH, own == null ? "" : own.label, List.of());
    }

    /** "the last 14 versions", "the last 9 files named report-*.csv", "the last 5 files in reports". */
    String describe() {
        int n = sizes.size();
        return switch (basis) {
            case PATH -> "the last " + n + " versions";
            case PATTERN -> "the last " + n + " files named " + label;
            case DIRECTORY -> "the last " + n + " files in " + (label.isEmpty() ? "the top directory" : label);
        };
    }
}
