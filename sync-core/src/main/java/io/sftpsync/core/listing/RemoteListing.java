package io.sftpsync.core.listing;

import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
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
 * one per level, each read when the walk reaches that directory. A directory wider than {@link ListingMemory}
 * allows is sorted on disk ({@link SpillingSorter}), so no listing is ever held whole in memory.
 */
final class RemoteListing implements RemoteFiles {

    private static final Logger log = LoggerFactory.getLogger(RemoteListing.class);

    private final SftpPool pool;
    private final WalkOptions options;
    private final Consumer<ListingError> errors;
    private final Consumer<RemoteFile> temporaries;
    private final ListingMemory memory;
    private final Deque<Level> stack = new ArrayDeque<>();
    private boolean started;
    private RemoteFile next;

    RemoteListing(SftpPool pool, WalkOptions options, Consumer<ListingError> errors,
            Consumer<RemoteFile> temporaries, ListingMemory memory) {
        this.pool = pool;
        this.options = options;
        this.errors = errors;
        this.temporaries = temporaries;
        this.memory = memory;
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

    /** Removes the spilled runs of the directories still being walked. */
    @Override
    public void close() {
        while (!stack.isEmpty()) {
            stack.pop().entries.close();
        }
        next = null;
    }

    /** What a listing entry is, as the server described it (not following links). */
    enum Kind {
        FILE, DIRECTORY, LINK, OTHER;

        static Kind of(Attributes a) {
            if (a.isRegularFile()) {
                return FILE;
            }
            if (a.isDirectory()) {
                return DIRECTORY;
            }
            return a.isSymbolicLink() ? LINK : OTHER;
        }
    }

    /** One entry of a listing: only what the walk needs, so that a directory's worth stays small. */
    record Entry(String name, Kind kind, long size, long mtimeSeconds) {

        static Entry of(String name, Attributes a) {
            return new Entry(name, Kind.of(a), a.getSize(), RemoteWalker.mtime(a).getEpochSecond());
        }

        /**
         * A temporary, dated by its last write: a copy gives it the source's mtime before verifying and renaming
         * it, and the time of the copy as its atime, so the later of the two.
         */
        static Entry ofTemporary(String name, Attributes a) {
            long atime = a.getAccessTime() == null ? Long.MIN_VALUE : a.getAccessTime().toInstant().getEpochSecond();
            return new Entry(name, Kind.of(a), a.getSize(), Math.max(RemoteWalker.mtime(a).getEpochSecond(), atime));
        }

        RemoteFile file(String path) {
            return new RemoteFile(path, size, java.time.Instant.ofEpochSecond(mtimeSeconds));
        }
    }

    /** Writes entries to and reads them from a spilled run: lossless for any Java string. */
    static final SpillingSorter.Codec<Entry> CODEC = new SpillingSorter.Codec<>() {
        @Override
        public void write(java.io.DataOutputStream out, Entry e) throws IOException {
            out.writeInt(e.name().length());
            out.writeChars(e.name());
            out.writeByte(e.kind().ordinal());
            out.writeLong(e.size());
            out.writeLong(e.mtimeSeconds());
        }

        @Override
        public Entry read(java.io.DataInputStream in) throws IOException {
            char[] name = new char[in.readInt()];
            for (int i = 0; i < name.length; i++) {
                name[i] = in.readChar();
            }
            return new Entry(new String(name), Kind.values()[in.readByte()], in.readLong(), in.readLong());
        }
    };

    /**
     * A directory being walked: its path relative to the base, its real path on the server (for loop and
     * containment checks when following links) and its sorted entries.
     */
    private static final class Level {
        final String dir;
        final String realPath;
        final SortedEntries<Entry> entries;

        Level(String dir, String realPath, SortedEntries<Entry> entries) {
            this.dir = dir;
            this.realPath = realPath;
            this.entries = entries;
        }
    }

    private RemoteFile advance() {
        if (!started) {
            started = true;
            descendRoot();
        }
        while (!stack.isEmpty()) {
            Level top = stack.peek();
            Entry entry = nextEntry(top);
            if (entry == null) {
                stack.pop().entries.close();
                continue;
            }
            String path = RelativePath.resolve(top.dir, entry.name());
            if (entry.kind() == Kind.FILE) {
                return entry.file(path);
            } else if (entry.kind() == Kind.DIRECTORY) {
                descend(path, top.realPath == null ? null : RelativePath.resolve(top.realPath, entry.name()));
            } else if (entry.kind() == Kind.LINK) {
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

    /** The level's next entry (dropped from memory as it is handed out), or null at its end or a spill failure. */
    private Entry nextEntry(Level level) {
        try {
            return level.entries.hasNext() ? level.entries.next() : null;
        } catch (UncheckedIOException e) {
            errors.accept(new ListingError(level.dir, "cannot read back its listing spilled to disk: "
                    + e.getCause()));
            return null;
        }
    }

    /** Starts the walk at the base path, or at the subtree when it can be walked (reported when not). */
    private void descendRoot() {
        String subtree = options.subtree();
        if (subtree.isEmpty()) {
            descend("", null);
            return;
        }
        String real;
        try {
            real = pool.call(s -> subtreeRealPath(s.client(), subtree));
        } catch (NotWalkable | LinkResolver.TooManyLinks e) {
            errors.accept(new ListingError(subtree, e.getMessage() + "; not scanned"));
            return;
        } catch (IOException e) {
            if (options.missingRootIsEmpty() && isMissing(e)) {
                log.debug("{} of {} does not exist: nothing to list", printable(subtree), pool.endpoint().name());
                return;
            }
            errors.accept(new ListingError(subtree, e instanceof SftpException ? TransferErrors.reason(e)
                    : TransferErrors.describe(e)));
            return;
        }
        descend(subtree, real);
    }

    /**
     * The subtree's real path, each component checked as a walk would meet it: a directory, or with
     * {@code followSymlinks} a link to a directory inside the base path; never a way out of the base path.
     */
    private String subtreeRealPath(SftpClient client, String subtree) throws IOException {
        String base = pool.basePath();
        String resolved = base;
        for (String part : subtree.split("/")) {
            String literal = resolved.equals("/") ? "/" + part : resolved + "/" + part;
            Attributes a = client.lstat(literal);
            if (a.isSymbolicLink()) {
                if (!options.followSymlinks()) {
                    throw new NotWalkable("passes through the symbolic link " + printable(literal)
                            + " and sync.scan.follow-symlinks is off");
                }
                resolved = LinkResolver.realPath(client, resolved, part);
                if (!LinkResolver.inside(resolved, base)) {
                    throw new NotWalkable("passes through a symbolic link to " + printable(resolved)
                            + ", outside the base path " + printable(base));
                }
                a = client.lstat(resolved);
            } else {
                resolved = literal;
            }
            if (!a.isDirectory()) {
                throw new NotWalkable(printable(literal) + " is not a directory but a " + RemoteWalker.typeName(a));
            }
        }
        return resolved;
    }

    /** A subtree that is there but must not be walked. */
    private static final class NotWalkable extends IOException {
        NotWalkable(String message) {
            super(message);
        }
    }

    /** Lists a directory and pushes it, or reports why it cannot be listed. */
    private void descend(String dir, String realPath) {
        SortedEntries<Entry> entries = list(dir);
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
        String base = pool.basePath();
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
     * @return the sorted entries, or null when the directory could not be listed (reported, unless it is a missing
     *         base path that may be missing)
     */
    private SortedEntries<Entry> list(String dir) {
        for (int attempt = 1; ; attempt++) {
            List<ListingError> badNames = new ArrayList<>();
            List<Entry> temporaryEntries = new ArrayList<>();
            try {
                SortedEntries<Entry> entries = pool.call(s -> read(s, dir, badNames, temporaryEntries));
                badNames.forEach(errors);
                for (Entry t : temporaryEntries) {
                    if (t.kind() == Kind.FILE) {
                        temporaries.accept(t.file(RelativePath.resolve(dir, t.name())));
                    }
                }
                return entries;
            } catch (IOException e) {
                if (dir.equals(options.subtree()) && options.missingRootIsEmpty() && isMissing(e)) {
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

    /** Reads one directory as it streams in, sorting it in memory or, past the memory limit, on disk. */
    private SortedEntries<Entry> read(SftpSession s, String dir, List<ListingError> badNames,
            List<Entry> temporaryEntries) throws IOException {
        SftpClient client = s.client();
        badNames.clear();
        temporaryEntries.clear();
        SpillingSorter<Entry> entries = new SpillingSorter<>(BY_NAME, CODEC, memory.entries(),
                memory.spillDirectory());
        try (entries; CloseableHandle handle = client.openDir(s.resolve(dir))) {
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
                        temporaryEntries.add(Entry.ofTemporary(name, e.getAttributes()));
                        continue;
                    }
                    entries.add(Entry.of(name, e.getAttributes()));
                }
            }
            if (entries.spilled()) {
                log.debug("listing {} of {} spilled to {}", printable(dir), pool.endpoint().name(),
                        memory.spillDirectory());
            }
            return entries.sorted();
        }
    }

    private static final Comparator<Entry> BY_NAME = Comparator.comparing(Entry::name);

    private static boolean isMissing(IOException e) {
        return e instanceof SftpException s && SftpStatus.isMissing(s);
    }

    private static String printable(String dir) {
        return dir.isEmpty() ? "the base path" : RelativePath.printable(dir);
    }
}
