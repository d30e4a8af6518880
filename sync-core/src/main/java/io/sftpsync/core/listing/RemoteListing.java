package io.sftpsync.core.listing;

import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iterator behind {@link RemoteWalker#walk}: a depth-first walk over a stack of sorted directory listings,
 * one per level, each read when the walk reaches that directory.
 */
final class RemoteListing implements Iterator<RemoteFile> {

    private static final Logger log = LoggerFactory.getLogger(RemoteListing.class);

    private final SftpPool pool;
    private final WalkOptions options;
    private final Consumer<ListingError> errors;
    private final Consumer<RemoteFile> temporaries;
    private final Deque<Level> stack = new ArrayDeque<>();
    private boolean started;
    private RemoteFile next;

    RemoteListing(SftpPool pool, WalkOptions options, Consumer<ListingError> errors,
            Consumer<RemoteFile> temporaries) {
        this.pool = pool;
        this.options = options;
        this.errors = errors;
        this.temporaries = temporaries;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public RemoteFile next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RemoteFile file = next;
        next = null;
        return file;
    }

    /** One entry of a listing, as the server described it (not following links). */
    private record Entry(String name, Attributes attributes) {
    }

    /**
     * A directory being walked: its path relative to the base, its real path on the server (for loop and
     * containment checks when following links) and its sorted entries.
     */
    private static final class Level {
        final String dir;
        final String realPath;
        final List<Entry> entries;
        int index;

        Level(String dir, String realPath, List<Entry> entries) {
            this.dir = dir;
            this.realPath = realPath;
            this.entries = entries;
        }
    }

    private RemoteFile advance() {
        if (!started) {
            started = true;
            descend("", null);
        }
        while (!stack.isEmpty()) {
            Level top = stack.peek();
            if (top.index == top.entries.size()) {
                stack.pop();
                continue;
            }
            Entry entry = top.entries.get(top.index);
            // Drop the entry as soon as it is handled: a level holds only what is still ahead.
            top.entries.set(top.index++, null);
            String path = RelativePath.resolve(top.dir, entry.name());
            Attributes a = entry.attributes();
            if (a.isRegularFile()) {
                return new RemoteFile(path, a.getSize(), RemoteWalker.mtime(a));
            } else if (a.isDirectory()) {
                descend(path, top.realPath == null ? null : RelativePath.resolve(top.realPath, entry.name()));
            } else if (a.isSymbolicLink()) {
                RemoteFile target = options.followSymlinks() ? follow(path, top) : null;
                if (target != null) {
                    return target;
                }
                if (!options.followSymlinks()) {
                    log.debug("skipping symlink {}", RelativePath.printable(path));
                }
            } else {
                log.debug("skipping special file {}", RelativePath.printable(path));
            }
        }
        return null;
    }

    /** Lists a directory and pushes it, or reports why it cannot be listed. */
    private void descend(String dir, String realPath) {
        List<Entry> entries = list(dir);
        if (entries == null) {
            return;
        }
        String real = realPath;
        if (real == null && dir.isEmpty()) {
            real = pool.basePath();
        }
        stack.push(new Level(dir, real, entries));
    }

    /**
     * A link to a file yields that file; a link to a directory is walked unless it leads back up. A link whose
     * real path is outside the base path is reported and not followed: the source tree must not reach what the
     * operator did not configure, however a user with write access there places links.
     */
    private RemoteFile follow(String path, Level parent) {
        String base = stack.getLast().realPath;
        LinkTarget t;
        try {
            t = pool.call(s -> {
                String real = LinkResolver.realPath(s.client(), parent.realPath, RelativePath.name(path));
                return new LinkTarget(LinkResolver.inside(real, base) ? s.client().lstat(real) : null, real);
            });
        } catch (LinkResolver.TooManyLinks e) {
            errors.accept(new ListingError(path, e.getMessage() + "; not followed"));
            return null;
        } catch (SftpException e) {
            if (SftpStatus.isMissing(e)) {
                log.debug("skipping dangling symlink {}", RelativePath.printable(path));
            } else {
                errors.accept(new ListingError(path, "cannot follow symlink: " + TransferErrors.reason(e)));
            }
            return null;
        } catch (IOException e) {
            errors.accept(new ListingError(path, "cannot follow symlink: " + TransferErrors.describe(e)));
            return null;
        }
        if (t.attributes() == null) {
            errors.accept(new ListingError(path, "symlink to " + RelativePath.printable(t.realPath())
                    + ", outside the base path " + RelativePath.printable(base) + "; not followed",
                    ListingError.Kind.LINK_OUTSIDE_BASE));
            return null;
        }
        Attributes target = t.attributes();
        String real = t.realPath();
        if (target.isRegularFile()) {
            return new RemoteFile(path, target.getSize(), RemoteWalker.mtime(target));
        }
        if (!target.isDirectory()) {
            log.debug("skipping symlink {} to a {}", RelativePath.printable(path), RemoteWalker.typeName(target));
            return null;
        }
        for (Level level : stack) {
            if (real.equals(level.realPath)) {
                errors.accept(new ListingError(path, "symlink loop: points to " + RelativePath.printable(real)
                        + ", a directory that contains it; not followed"));
                return null;
            }
        }
        descend(path, real);
        return null;
    }

    /** Where a link leads: its real path, and what is there (null when that is outside the base path). */
    private record LinkTarget(Attributes attributes, String realPath) {
    }

    /**
     * Reads and sorts one directory; a connection lost meanwhile gets one more try on a fresh channel.
     *
     * @return the entries, or null when the directory could not be listed (reported, unless it is a missing
     *         base path that may be missing)
     */
    private List<Entry> list(String dir) {
        for (int attempt = 1; ; attempt++) {
            List<ListingError> badNames = new ArrayList<>();
            List<Entry> temporaryEntries = new ArrayList<>();
            try {
                List<Entry> entries = pool.call(s -> read(s, dir, badNames, temporaryEntries));
                badNames.forEach(errors);
                for (Entry t : temporaryEntries) {
                    if (t.attributes().isRegularFile()) {
                        temporaries.accept(new RemoteFile(RelativePath.resolve(dir, t.name()),
                                t.attributes().getSize(), RemoteWalker.mtime(t.attributes())));
                    }
                }
                return entries;
            } catch (IOException e) {
                if (dir.isEmpty() && options.missingRootIsEmpty() && isMissing(e)) {
                    log.debug("base path of {} does not exist: nothing to list", pool.endpoint().name());
                    return null;
                }
                if (attempt == 1 && TransferErrors.isConnectionLoss(e)) {
                    log.info("listing {} of {} failed ({}), trying again", printable(dir), pool.endpoint().name(),
                            TransferErrors.describe(e));
                    continue;
                }
                errors.accept(new ListingError(dir, e instanceof SftpException ? TransferErrors.reason(e)
                        : TransferErrors.describe(e)));
                return null;
            }
        }
    }

    private static List<Entry> read(SftpSession s, String dir, List<ListingError> badNames,
            List<Entry> temporaryEntries) throws IOException {
        SftpClient client = s.client();
        List<Entry> entries = new ArrayList<>();
        badNames.clear();
        temporaryEntries.clear();
        try (CloseableHandle handle = client.openDir(s.resolve(dir))) {
            for (List<SftpClient.DirEntry> batch; (batch = client.readDir(handle)) != null; ) {
                for (SftpClient.DirEntry e : batch) {
                    String name = e.getFilename();
                    if (name.equals(".") || name.equals("..")) {
                        continue;
                    }
                    try {
                        RelativePath.checkName(name);
                    } catch (IllegalArgumentException bad) {
                        badNames.add(new ListingError(RelativePath.resolve(dir, name), bad.getMessage()));
                        continue;
                    }
                    if (TempNames.isTemporary(name)) {
                        log.debug("skipping temporary file {}", RelativePath.printable(name));
                        temporaryEntries.add(new Entry(name, e.getAttributes()));
                        continue;
                    }
                    entries.add(new Entry(name, e.getAttributes()));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    private static boolean isMissing(IOException e) {
        return e instanceof SftpException s && SftpStatus.isMissing(s);
    }

    private static String printable(String dir) {
        return dir.isEmpty() ? "the base path" : RelativePath.printable(dir);
    }
}
