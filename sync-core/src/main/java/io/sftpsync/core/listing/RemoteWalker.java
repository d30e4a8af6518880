package io.sftpsync.core.listing;

import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.sftp.SftpPool;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.common.SftpException;

/** Lists the regular files under a pool's base path, lazily and in {@link #PATH_ORDER}, and stats single files. */
public final class RemoteWalker {

    /**
     * The order walks yield files in: component by component, each compared with {@link String#compareTo}, so a
     * directory's files come at the directory's place ("a/b" before "a-b", because "a" sorts before "a-b").
     */
    public static final Comparator<String> PATH_ORDER = RemoteWalker::comparePaths;

    private RemoteWalker() {
    }

    /**
     * Walks the tree under the pool's base path. Directories are listed only when the iteration reaches them,
     * one channel borrow each, and only one listing per depth is open, each held in memory up to
     * {@link ListingMemory#DEFAULT_ENTRIES} entries and sorted on disk under {@code java.io.tmpdir} beyond. Problems are reported and
     * the walk goes on; the iterator itself throws nothing but {@link java.util.NoSuchElementException}.
     *
     * @param pool    the server
     * @param options symlink handling and whether a missing base path is an empty tree
     * @param errors  receives unreadable directories, unsafe names and symlink loops
     * @return the regular files, paths relative to the base path, in {@link #PATH_ORDER}
     */
    public static RemoteFiles walk(SftpPool pool, WalkOptions options, Consumer<ListingError> errors) {
        return walk(pool, options, errors, t -> { });
    }

    /**
     * Walks the tree as {@link #walk(SftpPool, WalkOptions, Consumer)} does, and also passes on the temporary
     * files ({@link TempNames#isTemporary}) it skips, as they are met.
     *
     * @param temporaries receives each regular temporary file, path relative to the base path, dated by the later of
     *                    its mtime and atime (its last write: a copy gives it the source's mtime before it is done)
     */
    public static RemoteFiles walk(SftpPool pool, WalkOptions options, Consumer<ListingError> errors,
            Consumer<RemoteFile> temporaries) {
        return walk(pool, options, errors, temporaries, ListingMemory.defaults());
    }

    /**
     * Walks the tree as {@link #walk(SftpPool, WalkOptions, Consumer, Consumer)} does, keeping at most
     * {@code memory.entries()} entries of each directory in memory and sorting wider directories on disk.
     *
     * @param memory the entries per directory held in memory, and where wider listings spill
     * @return the files; close it when the walk is given up, so that spilled runs are removed at once
     */
    public static RemoteFiles walk(SftpPool pool, WalkOptions options, Consumer<ListingError> errors,
            Consumer<RemoteFile> temporaries, ListingMemory memory) {
        return new RemoteListing(Objects.requireNonNull(pool, "pool"), Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(errors, "errors"), Objects.requireNonNull(temporaries, "temporaries"),
                Objects.requireNonNull(memory, "memory"));
    }

    /**
     * Looks at one path without following a final symlink.
     *
     * @param pool         the server
     * @param relativePath the path, relative to the base path
     * @return the file, or empty when nothing is at that path
     * @throws SftpOperationException   when something else than a regular file is there, or the server refuses
     * @throws IOException              when no channel can be had
     * @throws IllegalArgumentException when the path is not a safe relative path
     */
    public static Optional<RemoteFile> stat(SftpPool pool, String relativePath) throws IOException {
        RelativePath.check(relativePath);
        return pool.call(s -> {
            String path = s.resolve(relativePath);
            Attributes a;
            try {
                a = s.client().lstat(path);
            } catch (SftpException e) {
                if (SftpStatus.isMissing(e)) {
                    return Optional.empty();
                }
                throw s.failure("stat of", path, e);
            } catch (IOException e) {
                throw s.failure("stat of", path, e);
            }
            if (!a.isRegularFile()) {
                throw new SftpOperationException(s.endpointName(), "at", path, "not a regular file but a "
                        + typeName(a), null);
            }
            return Optional.of(new RemoteFile(relativePath, a.getSize(), mtime(a)));
        });
    }

    /** SFTP v3 carries whole seconds; a server that sends no time gets the epoch. */
    static Instant mtime(Attributes a) {
        FileTime t = a.getModifyTime();
        return t == null ? Instant.EPOCH : Instant.ofEpochSecond(t.toInstant().getEpochSecond());
    }

    static String typeName(Attributes a) {
        if (a.isDirectory()) {
            return "directory";
        }
        if (a.isSymbolicLink()) {
            return "symbolic link";
        }
        return a.isRegularFile() ? "regular file" : "special file";
    }

    private static int comparePaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            int endA = a.indexOf('/', i);
            int endB = b.indexOf('/', j);
            if (endA < 0) {
                endA = a.length();
            }
            if (endB < 0) {
                endB = b.length();
            }
            int c = compareRange(a, i, endA, b, j, endB);
            if (c != 0) {
                return c;
            }
            boolean lastA = endA == a.length();
            boolean lastB = endB == b.length();
            if (lastA || lastB) {
                return lastA == lastB ? 0 : lastA ? -1 : 1;
            }
            i = endA + 1;
            j = endB + 1;
        }
    }

    /** {@link String#compareTo} on two ranges, without copying them. */
    private static int compareRange(String a, int fromA, int toA, String b, int fromB, int toB) {
        int lenA = toA - fromA;
        int lenB = toB - fromB;
        int n = Math.min(lenA, lenB);
        for (int k = 0; k < n; k++) {
            char x = a.charAt(fromA + k);
            char y = b.charAt(fromB + k);
            if (x != y) {
                return x - y;
            }
        }
        return lenA - lenB;
    }
}
