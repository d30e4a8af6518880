package io.sftpsync.core.copy;

import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpInputStreamAsync;

/**
 * The source file of a copy, open and checked against what the scan saw: every copy strategy reads through
 * one, so none writes a byte of a version the scan did not see.
 *
 * @param session the source channel, borrowed while the work runs
 * @param handle  the open file
 * @param path    its absolute path on the source
 * @param before  what fstat said when it was opened
 */
public record ScannedSource(SftpSession session, CloseableHandle handle, String path, Attributes before) {

    /** Work done with the source file open and checked against the scan. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ScannedSource source) throws IOException;
    }

    /**
     * What every copy between two pools requires of its arguments.
     *
     * @throws IllegalArgumentException when the path is not a safe relative path, or both pools are the same
     */
    public static void checkArguments(SftpPool source, SftpPool sink, String relativePath, Instant expectedMtime) {
        RelativePath.check(relativePath);
        Objects.requireNonNull(expectedMtime, "expectedMtime");
        if (source == sink) {
            // Holding one channel while waiting for a second of the same pool can deadlock a full pool.
            throw new IllegalArgumentException("source and sink must be different pools");
        }
    }

    /**
     * Opens the source file, checks it against what the scan saw, and runs the work with it before anything is
     * written; the file stays open (and its channel borrowed) until the work returns.
     *
     * @throws SourceChangedException when the file is not the version the scan saw
     */
    public static <T> T open(SftpPool source, String relativePath, long expectedSize, Instant expectedMtime,
            Work<T> work) throws IOException {
        return source.call(src -> {
            String from = src.resolve(relativePath);
            CloseableHandle in = src.open(from, OpenMode.Read);
            try {
                Attributes before;
                try {
                    before = src.client().stat(in);
                } catch (IOException e) {
                    throw src.failure("checking", from, e);
                }
                requireAsScanned(before, expectedSize, expectedMtime);
                return work.run(new ScannedSource(src, in, from, before));
            } finally {
                Handles.closeQuietly(in, from);
            }
        });
    }

    /** The source mtime in whole seconds, as the sink gets it. */
    public FileTime mtime() {
        return FileTime.from(seconds(before), TimeUnit.SECONDS);
    }

    /** The permission bits a copy gets ({@link Permissions#of}), as fstat gave them when the file was opened. */
    public int permissions() {
        return Permissions.of(before);
    }

    /** The size fstat gave when the file was opened. */
    public long size() {
        return before.getSize();
    }

    /**
     * Reads the whole file pipelined: many read requests in flight, two buffers. The caller closes the stream;
     * the file's handle stays open.
     *
     * @param digest fed every byte passed on, or null
     */
    public SliceInput read(MessageDigest digest) throws IOException {
        long expected = size();
        return new SliceInput(new SftpInputStreamAsync((AbstractSftpClient) session.client(), session.readSize(), 0L,
                expected, path, handle, false), session, path, digest).slice(expected, null);
    }

    /**
     * Checks, before anything is published, that the file did not change while it was read.
     *
     * @param bytes the bytes the copy read
     * @throws SourceChangedException when its size or mtime changed, or fewer bytes were read than it has
     */
    public void requireUnchanged(long bytes) throws IOException {
        Attributes after;
        try {
            after = session.client().stat(handle);
        } catch (IOException e) {
            throw session.failure("checking", path, e);
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

    /** Checks what a stat said against what the scan saw. */
    static void requireAsScanned(Attributes now, long expectedSize, Instant expectedMtime)
            throws SourceChangedException {
        if (now.getSize() != expectedSize) {
            throw new SourceChangedException("source changed since the scan: size " + expectedSize + " -> "
                    + now.getSize());
        }
        long mtime = seconds(now);
        if (mtime != expectedMtime.getEpochSecond()) {
            throw new SourceChangedException("source changed since the scan: mtime " + expectedMtime + " -> "
                    + Instant.ofEpochSecond(mtime));
        }
    }

    private static long seconds(Attributes a) {
        FileTime t = a.getModifyTime();
        return t == null ? 0 : t.toInstant().getEpochSecond();
    }
}
