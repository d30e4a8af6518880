package io.sftpsync.core.sftp;

import io.sftpsync.core.paths.RelativePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpInputStreamAsync;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one file from the source server to the sink through this JVM: pipelined SFTP reads and writes, SHA-256
 * on the way, written under a temporary name and renamed onto the real one only when complete and unchanged.
 */
public final class FileCopier {

    private static final Logger log = LoggerFactory.getLogger(FileCopier.class);

    /** Creates a copier; it keeps no state of its own and may be shared by threads. */
    public FileCopier() {
    }

    /**
     * Copies a file. The source is opened and checked against what the scan saw before anything is written.
     *
     * @param source        pool of the source server
     * @param sink          pool of the sink server, another pool than {@code source}
     * @param relativePath  the file, relative to both base paths
     * @param expectedSize  size the scan saw
     * @param expectedMtime mtime the scan saw (compared in whole seconds)
     * @return bytes written, their SHA-256 and the mtime given to the sink file
     * @throws SourceChangedException   when the source differs from the scan, or changed during the copy
     * @throws SftpOperationException   when a server refuses or the connection fails, naming side and path
     * @throws IOException              when no channel can be had (connect, login, host key)
     * @throws IllegalArgumentException when the path is not a safe relative path, or both pools are the same
     */
    public CopyOutcome copy(SftpPool source, SftpPool sink, String relativePath, long expectedSize,
            Instant expectedMtime) throws IOException {
        checkArguments(source, sink, relativePath, expectedMtime);
        if (expectedSize < Math.min(source.bufferSize(), sink.bufferSize())) {
            return SmallFileCopy.copy(source, sink, relativePath, expectedSize, expectedMtime);
        }
        return openAsScanned(source, relativePath, expectedSize, expectedMtime,
                from -> writeToSink(sink, (dst, leftovers) -> writeAndPublish(dst, relativePath, from, leftovers)));
    }

    /** What every copy between two pools requires of its arguments. */
    static void checkArguments(SftpPool source, SftpPool sink, String relativePath, Instant expectedMtime) {
        RelativePath.check(relativePath);
        Objects.requireNonNull(expectedMtime, "expectedMtime");
        if (source == sink) {
            // Holding one channel while waiting for a second of the same pool can deadlock a full pool.
            throw new IllegalArgumentException("source and sink must be different pools");
        }
    }

    /** Work done with the source file open and checked against the scan. */
    @FunctionalInterface
    interface SourceWork<T> {
        T run(Source source) throws IOException;
    }

    /**
     * Opens the source file, checks it against what the scan saw, and runs the work with it before anything is
     * written; the file stays open (and its channel borrowed) until the work returns.
     */
    static <T> T openAsScanned(SftpPool source, String relativePath, long expectedSize, Instant expectedMtime,
            SourceWork<T> work) throws IOException {
        return source.call(src -> {
            String from = src.resolve(relativePath);
            CloseableHandle in;
            Attributes before;
            try {
                in = src.client().open(from, OpenMode.Read);
            } catch (IOException e) {
                throw src.failure("opening", from, e);
            }
            try {
                try {
                    before = src.client().stat(in);
                } catch (IOException e) {
                    throw src.failure("checking", from, e);
                }
                requireAsScanned(before, expectedSize, expectedMtime);
                return work.run(new Source(src, in, from, before));
            } finally {
                closeQuietly(in, from);
            }
        });
    }

    /**
     * Streams a remote file and hashes it.
     *
     * @param pool         the server
     * @param relativePath the file, relative to the base path
     * @return lowercase hex SHA-256
     * @throws IOException naming the path when the file cannot be read
     */
    public String sha256(SftpPool pool, String relativePath) throws IOException {
        RelativePath.check(relativePath);
        return pool.call(s -> {
            String path = s.resolve(relativePath);
            MessageDigest digest = newSha256();
            try (InputStream in = s.client().read(path, s.readSize())) {
                byte[] buffer = new byte[s.readSize()];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw s.failure("reading", path, e);
            }
            return HexFormat.of().formatHex(digest.digest());
        });
    }

    /** The open source file and what fstat said when it was opened. */
    record Source(SftpSession session, CloseableHandle handle, String path, Attributes before) {

        /** The source mtime in whole seconds, as the sink gets it. */
        FileTime mtime() {
            return FileTime.from(seconds(before), TimeUnit.SECONDS);
        }
    }

    /**
     * Files at the sink that must go if the write fails: the temporary file once created and, for a copy that
     * publishes several files, those already published that are only valid together.
     */
    static final class Leftovers {
        private final Set<String> paths = new LinkedHashSet<>();

        void add(String path) {
            paths.add(path);
        }

        void remove(String path) {
            paths.remove(path);
        }

        void clear() {
            paths.clear();
        }

        List<String> paths() {
            return List.copyOf(paths);
        }
    }

    /** The sink's side of one copy: where the file goes and the temporary name it is written under. */
    record Target(String dir, String path, String temp) {
        static Target of(SftpSession dst, String relativePath) {
            String dir = dst.resolve(RelativePath.parent(relativePath));
            String name = RelativePath.name(relativePath);
            return new Target(dir, RelativePath.resolve(dir, name), RelativePath.resolve(dir, TempNames.forName(name)));
        }
    }

    /** Writing at the sink, given where to record the files that must go if it fails. */
    @FunctionalInterface
    interface SinkWrite<T> {
        T run(SftpSession dst, Leftovers leftovers) throws IOException;
    }

    /** Runs a write at the sink and removes its leftovers when the write fails. */
    static <T> T writeToSink(SftpPool sink, SinkWrite<T> write) throws IOException {
        Leftovers leftovers = new Leftovers();
        try {
            return sink.call(dst -> write.run(dst, leftovers));
        } catch (IOException | RuntimeException e) {
            // A new borrow: the channel that failed is discarded if its connection broke.
            removeQuietly(sink, leftovers.paths());
            throw e;
        }
    }

    private CopyOutcome writeAndPublish(SftpSession dst, String relativePath, Source source, Leftovers leftovers)
            throws IOException {
        Target at = Target.of(dst, relativePath);
        RemoteDirectories.ensure(dst, at.dir());
        MessageDigest digest = newSha256();
        long bytes = writeTemporary(dst, at, leftovers, out -> {
            try (SliceInput in = read(source, digest)) {
                out.transferFrom(in);
                return in.count();
            }
        });
        requireUnchangedDuringCopy(source, bytes);
        FileTime mtime = source.mtime();
        publishWithTimes(dst, at, mtime);
        leftovers.remove(at.temp());
        log.debug("copied {} ({} bytes) to {}", source.path(), bytes, at.path());
        return new CopyOutcome(bytes, HexFormat.of().formatHex(digest.digest()), mtime.toInstant());
    }

    static CloseableHandle createTemporary(SftpSession dst, Target at, Leftovers leftovers) throws IOException {
        CloseableHandle out;
        try {
            out = dst.client().open(at.temp(), OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
        } catch (SftpException e) {
            if (!RemoteWalker.isMissing(e)) {
                throw e;
            }
            // The directory was remembered but someone removed it since.
            RemoteDirectories.forget(dst, at.dir());
            RemoteDirectories.ensure(dst, at.dir());
            out = dst.client().open(at.temp(), OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
        }
        leftovers.add(at.temp());
        return out;
    }

    /** Fills a temporary file through a stream with many write requests in flight. */
    @FunctionalInterface
    interface Content<T> {
        T writeTo(SftpOutputStreamAsync out) throws IOException;
    }

    /**
     * Creates the temporary file of a target and writes its content pipelined: two buffers, many write requests
     * in flight. Its failures name the real path: that is what the user knows; the temporary is in the debug log.
     */
    static <T> T writeTemporary(SftpSession dst, Target at, Leftovers leftovers, Content<T> content)
            throws IOException {
        try (CloseableHandle out = createTemporary(dst, at, leftovers);
             SftpOutputStreamAsync sinkOut = new SftpOutputStreamAsync((AbstractSftpClient) dst.client(),
                     dst.writeSize(), at.temp(), out, false)) {
            return content.writeTo(sinkOut);
        } catch (IOException e) {
            log.debug("writing {} failed: {}", RelativePath.printable(at.temp()), e.toString());
            throw dst.failure("writing", at.path(), e);
        }
    }

    /** Gives the complete temporary file its times and renames it onto the real name. */
    static void publishWithTimes(SftpSession dst, Target at, FileTime mtime) throws IOException {
        try {
            // Both times in one request: MINA drops a lone mtime on SFTP v3.
            dst.client().setStat(at.temp(), new Attributes().accessTime(mtime).modifyTime(mtime));
        } catch (IOException e) {
            throw dst.failure("setting the times of", at.path(), e);
        }
        publish(dst, at.temp(), at.path());
    }

    /**
     * Reads the whole source file pipelined: many read requests in flight, two buffers. The caller closes it;
     * the file's handle stays open.
     */
    static SliceInput read(Source source, MessageDigest digest) throws IOException {
        SftpSession src = source.session();
        long expected = source.before().getSize();
        return new SliceInput(new SftpInputStreamAsync((AbstractSftpClient) src.client(), src.readSize(), 0L,
                expected, source.path(), source.handle(), false), src, source.path(), digest).slice(expected, null);
    }

    static void requireAsScanned(Attributes now, long expectedSize, Instant expectedMtime)
            throws SourceChangedException {
        long mtime = seconds(now);
        if (now.getSize() != expectedSize) {
            throw new SourceChangedException("source changed since the scan: size " + expectedSize + " -> "
                    + now.getSize());
        }
        if (mtime != expectedMtime.getEpochSecond()) {
            throw new SourceChangedException("source changed since the scan: mtime " + expectedMtime + " -> "
                    + Instant.ofEpochSecond(mtime));
        }
    }

    static void requireUnchangedDuringCopy(Source source, long bytes) throws IOException {
        Attributes before = source.before();
        Attributes after;
        try {
            after = source.session().client().stat(source.handle());
        } catch (IOException e) {
            throw source.session().failure("checking", source.path(), e);
        }
        if (after.getSize() != before.getSize()) {
            throw new SourceChangedException("source changed since the scan: size " + before.getSize() + " -> "
                    + after.getSize());
        }
        if (seconds(after) != seconds(before)) {
            throw new SourceChangedException("source changed since the scan: mtime "
                    + Instant.ofEpochSecond(seconds(before)) + " -> " + Instant.ofEpochSecond(seconds(after)));
        }
        if (bytes != before.getSize()) {
            throw new SourceChangedException("source changed during copy: read " + bytes + " bytes of "
                    + before.getSize());
        }
    }

    /**
     * Renames the complete temporary file onto the real name. posix-rename@openssh.com replaces the target
     * atomically; plain SFTP v3 rename refuses an existing target, so without the extension the old file is
     * removed first: for a moment there is no file under the name, but never a partial one.
     */
    static void publish(SftpSession dst, String temp, String target) throws IOException {
        SftpClient client = dst.client();
        try {
            OpenSSHPosixRenameExtension posix = client.getExtension(OpenSSHPosixRenameExtension.class);
            if (posix != null && posix.isSupported()) {
                posix.posixRename(temp, target);
                return;
            }
            try {
                client.rename(temp, target);
            } catch (SftpException e) {
                removeIfPresent(client, target);
                client.rename(temp, target);
            }
        } catch (IOException e) {
            throw dst.failure("renaming " + RelativePath.printable(temp) + " to", target, e);
        }
    }

    static void removeIfPresent(SftpClient client, String path) throws IOException {
        try {
            client.remove(path);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
        }
    }

    /**
     * Removes a file if it is there, logging instead of failing: for temporaries given up and copies that failed
     * verification.
     *
     * @param pool         the server
     * @param relativePath the file, relative to the pool's base path
     * @return true when the file is gone
     */
    public static boolean removeQuietly(SftpPool pool, String relativePath) {
        return removeQuietly(pool, List.of(RelativePath.resolve(pool.basePath(), RelativePath.check(relativePath))));
    }

    /**
     * Removes files after a failed copy, in one borrow; what cannot be removed is logged, not thrown. A channel
     * of a connection that just broke may still be idle in the pool: one more borrow, on a connection that
     * works, is tried before giving up.
     *
     * @return true when all of them are gone
     */
    static boolean removeQuietly(SftpPool sink, List<String> paths) {
        if (paths.isEmpty()) {
            return true;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                sink.call(s -> {
                    for (String path : paths) {
                        removeIfPresent(s.client(), path);
                    }
                    return null;
                });
                return true;
            } catch (IOException | RuntimeException e) {
                if (attempt < 3 && TransferErrors.isTransient(e)) {
                    continue;
                }
                log.warn("could not remove {} from the sink: {}", paths.stream().map(RelativePath::printable).toList(),
                        TransferErrors.describe(e));
                return false;
            }
        }
    }

    /** A read handle: once the copy is decided, failing to close it changes nothing. */
    static void closeQuietly(CloseableHandle handle, String path) {
        try {
            handle.close();
        } catch (IOException e) {
            log.debug("closing {}: {}", RelativePath.printable(path), e.toString());
        }
    }

    private static long seconds(Attributes a) {
        FileTime t = a.getModifyTime();
        return t == null ? 0 : t.toInstant().getEpochSecond();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
