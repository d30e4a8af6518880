package io.sftpsync.core.copy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Files at the sink that must go if a write fails: the temporary file once created and, for a copy that
 * publishes several files, those already published that are only valid together.
 */
public final class Leftovers {

    private final Set<String> paths = new LinkedHashSet<>();

    /** Records an absolute sink path that must go if the write fails. */
    public void add(String path) {
        paths.add(path);
    }

    /** The path is complete (or gone): it stays whatever happens next. */
    public void remove(String path) {
        paths.remove(path);
    }

    /** Everything written so far stays. */
    public void clear() {
        paths.clear();
    }

    List<String> paths() {
        return List.copyOf(paths);
    }
}
