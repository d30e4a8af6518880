package io.sftpsync.core.copy;

import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small and medium copy: one file from the source server to the sink through this JVM, pipelined SFTP
 * reads and writes, SHA-256 on the way, written under a temporary name and renamed onto the real one only when
 * complete and unchanged. A file that fits one request takes {@link SmallFileCopy}.
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
        return copy(source, sink, relativePath, expectedSize, expectedMtime, TemporaryCheck.NONE);
    }

    /**
     * Copies a file as {@link #copy(SftpPool, SftpPool, String, long, Instant)} does, and checks the complete
     * temporary before it is renamed onto the real name: a failed check leaves the sink's previous version.
     * The temporary is fsync'd and owner-only, and the published file gets the source's permission bits
     * ({@link WriteOptions#DEFAULT}).
     *
     * @param check what the temporary must pass, e.g. its size or a re-read checksum
     * @throws IOException what the check threw, after the temporary was removed
     */
    public CopyOutcome copy(SftpPool source, SftpPool sink, String relativePath, long expectedSize,
            Instant expectedMtime, TemporaryCheck check) throws IOException {
        return copy(source, sink, relativePath, expectedSize, expectedMtime, check, WriteOptions.DEFAULT);
    }

    /**
     * Copies a file as {@link #copy(SftpPool, SftpPool, String, long, Instant, TemporaryCheck)} does, written as
     * the options say: the complete temporary is fsync'd (where the sink offers it) before it is checked and
     * renamed, and has its mode before it is renamed.
     *
     * @param options fsync or not, and whether the source's permission bits are kept
     */
    public CopyOutcome copy(SftpPool source, SftpPool sink, String relativePath, long expectedSize,
            Instant expectedMtime, TemporaryCheck check, WriteOptions options) throws IOException {
        ScannedSource.checkArguments(source, sink, relativePath, expectedMtime);
        if (expectedSize < Math.min(source.bufferSize(), sink.bufferSize())) {
            return SmallFileCopy.copy(source, sink, relativePath, expectedSize, expectedMtime, check, options);
        }
        return ScannedSource.open(source, relativePath, expectedSize, expectedMtime, from -> AtomicWrite.run(sink,
                (dst, leftovers) -> writeAndPublish(dst, relativePath, from, check, options, leftovers)));
    }

    private static CopyOutcome writeAndPublish(SftpSession dst, String relativePath, ScannedSource source,
            TemporaryCheck check, WriteOptions options, Leftovers leftovers) throws IOException {
        SinkTarget at = SinkTarget.of(dst, relativePath);
        RemoteDirectories.ensure(dst, at.dir());
        MessageDigest digest = Digests.sha256();
        int mode = options.publishedMode(source.permissions());
        boolean modeFirst = Permissions.readableByOwner(mode);
        long bytes;
        FileTime mtime = source.mtime();
        try (CloseableHandle out = AtomicWrite.createTemporary(dst, at, leftovers, options.temporaryMode())) {
            bytes = AtomicWrite.fill(dst, at, out, sinkOut -> {
                try (SliceInput in = source.read(digest)) {
                    sinkOut.transferFrom(in);
                    return in.count();
                }
            });
            source.requireUnchanged(bytes);
            AtomicWrite.setAttributes(dst, at, out, mtime, modeFirst ? mode : Permissions.UNKNOWN);
            if (options.fsync()) {
                SinkFsync.ifOffered(dst, out, at.path());
            }
        } catch (IOException e) {
            throw dst.failure("writing", at.path(), e);
        }
        CopyOutcome outcome = new CopyOutcome(bytes, Digests.hex(digest), mtime.toInstant());
        check.check(dst, at.temp(), outcome);
        if (!modeFirst) {
            AtomicWrite.setMode(dst, at, mode);
        }
        AtomicWrite.publish(dst, at.temp(), at.path());
        leftovers.remove(at.temp());
        log.debug("copied {} ({} bytes) to {}", source.path(), bytes, at.path());
        return outcome;
    }
}
