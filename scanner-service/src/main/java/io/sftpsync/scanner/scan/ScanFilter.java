package io.sftpsync.scanner.scan;

import io.sftpsync.core.paths.Glob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Include and exclude globs, and the minimum age that keeps files still being written out of a scan. */
public final class ScanFilter {

    private final List<Glob> include;
    private final List<Glob> exclude;
    private final Duration minAge;

    public ScanFilter(List<String> include, List<String> exclude, Duration minAge) {
        this.include = include.stream().map(Glob::of).toList();
        this.exclude = exclude.stream().map(Glob::of).toList();
        this.minAge = minAge;
    }

    /** True when the path is included (or no include is set) and no exclude matches it. */
    public boolean accepts(String path) {
        if (!include.isEmpty() && include.stream().noneMatch(g -> g.matches(path))) {
            return false;
        }
        return exclude.stream().noneMatch(g -> g.matches(path));
    }

    /**
     * True when the file was modified within {@code minAge} of now, on either side of it: a writer is
     * probably still at work. A timestamp far in the future is not that, so such a file is synced (and is
     * left for the anomaly checks to flag).
     */
    boolean tooYoung(Instant mtime, Instant now) {
        return mtime.isAfter(now.minus(minAge)) && !mtime.isAfter(now.plus(minAge));
    }
}
