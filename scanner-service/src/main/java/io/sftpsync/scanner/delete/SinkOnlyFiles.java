package io.sftpsync.scanner.delete;

import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import io.sftpsync.core.manifest.SinkManifest;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Collects, while a scan walks both sides, the sink files the source lacks that a deletion would remove: counted
 * all, the first {@code keep} held. Never a candidate: a path the include/exclude globs leave out (as rclone leaves
 * excluded files without {@code --delete-excluded}), a previous version kept aside, a manifest, or a part or
 * {@code .gz} that an approved strategy wrote under a manifest beside it (the source has the file under its own
 * name, not under those).
 *
 * <p>A manifest sorts after its {@code .gz} ("x.gz" &lt; "x.manifest.json" &lt; "x.part0001"), so a sink-only
 * {@code .gz} waits until the walk has passed where its manifest would be.
 */
public final class SinkOnlyFiles {

    private static final Pattern PART = Pattern.compile(".*\\.part[0-9]{4,}$", Pattern.DOTALL);
    private static final String GZ = ".gz";

    private final Predicate<String> accepts;
    private final int keep;
    private final Consumer<RemoteFile> found;
    private final List<RemoteFile> kept = new ArrayList<>();
    /** Sink-only manifests seen: written only for approved oversized files, so few. */
    private final Set<String> manifests = new HashSet<>();
    /** Sink-only {@code .gz} files whose manifest the walk has not reached yet. */
    private final List<RemoteFile> pendingGz = new ArrayList<>();
    private long candidates;
    private long sinkFiles;

    /**
     * @param accepts whether the scan's include/exclude globs take a path
     * @param keep    candidates held for the deletion (more make it withheld anyway)
     * @param found   told of each candidate as it is found (a dry run lists them)
     */
    public SinkOnlyFiles(Predicate<String> accepts, int keep, Consumer<RemoteFile> found) {
        this.accepts = accepts;
        this.keep = keep;
        this.found = found;
    }

    /** A sink file that has a source file of the same path. */
    public void paired(RemoteFile sink) {
        if (accepts.test(sink.path())) {
            sinkFiles++;
        }
    }

    /** A sink file without a source file of the same path; called in the walk's order. */
    public void sinkOnly(RemoteFile sink) {
        String path = sink.path();
        passedTo(path);
        String name = RelativePath.name(path);
        if (!accepts.test(path)) {
            return;
        }
        sinkFiles++;
        if (name.endsWith(SinkManifest.SUFFIX)) {
            String stem = path.substring(0, path.length() - SinkManifest.SUFFIX.length());
            manifests.add(stem);
            pendingGz.removeIf(gz -> stemOfGz(gz).equals(stem));
            return;
        }
        if (TempNames.isPreviousVersion(name)) {
            return;
        }
        if (PART.matcher(name).matches() && manifests.contains(path.substring(0, path.lastIndexOf(".part")))) {
            return;
        }
        if (name.endsWith(GZ) && name.length() > GZ.length()) {
            pendingGz.add(sink);
            return;
        }
        candidate(sink);
    }

    /** The walk is over: the {@code .gz} files still waiting had no manifest. */
    public void end() {
        passedTo(null);
    }

    /** Sink files the source lacks that a deletion would remove. */
    public long candidates() {
        return candidates;
    }

    /** Sink files listed (taken by the globs), with and without a source file. */
    public long sinkFiles() {
        return sinkFiles;
    }

    /** The first candidates, in the walk's order. */
    public List<RemoteFile> kept() {
        return List.copyOf(kept);
    }

    /** Makes candidates of the waiting {@code .gz} files whose manifest would sort before {@code path} (null: all). */
    private void passedTo(String path) {
        for (Iterator<RemoteFile> it = pendingGz.iterator(); it.hasNext(); ) {
            RemoteFile gz = it.next();
            if (path == null || RemoteWalker.PATH_ORDER.compare(stemOfGz(gz) + SinkManifest.SUFFIX, path) < 0) {
                it.remove();
                candidate(gz);
            }
        }
    }

    private void candidate(RemoteFile file) {
        candidates++;
        if (kept.size() < keep) {
            kept.add(file);
        }
        found.accept(file);
    }

    private static String stemOfGz(RemoteFile gz) {
        return gz.path().substring(0, gz.path().length() - GZ.length());
    }
}
