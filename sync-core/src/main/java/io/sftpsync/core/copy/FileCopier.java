package io.sftpsync.core.copy;

import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
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
     *
     * @param check what the temporary must pass, e.g. its size or a re-read checksum
     * @throws IOException what the check threw, after the temporary was removed
     */
    public CopyOutcome copy(SftpPool source, SftpPool sink, String relativePath, long expectedSize,
            Instant expectedMtime, TemporaryCheck check) throws IOException {
        ScannedSource.checkArguments(source, sink, relativePath, expectedMtime);
        if (expectedSize < Math.min(source.bufferSize(), sink.bufferSize())) {
            return SmallFileCopy.copy(source, sink, relativePath, expectedSize, expectedMtime, check);
        }
        return ScannedSource.open(source, relativePath, expectedSize, expectedMtime, from -> AtomicWrite.run(sink,
                (dst, leftovers) -> writeAndPublish(dst, relativePath, from, check, leftovers)));
    }

    private static CopyOutcome writeAndPublish(SftpSession dst, String relativePath, ScannedSource source,
            TemporaryCheck check, Leftovers leftovers) throws IOException {
        SinkTarget at = SinkTarget.of(dst, relativePath);
        RemoteDirectories.ensure(dst, at.dir());
        MessageDigest digest = Digests.sha256();
        long bytes = AtomicWrite.writeTemporary(dst, at, leftovers, out -> {
            try (SliceInput in = source.read(digest)) {
                out.transferFrom(in);
                return in.count();
            }
        });
        source.requireUnchanged(bytes);
        FileTime mtime = source.mtime();
        AtomicWrite.setTimes(dst, at, mtime);
        CopyOutcome outcome = new CopyOutcome(bytes, Digests.hex(digest), mtime.toInstant());
        check.check(dst, at.temp(), outcome);
        AtomicWrite.publish(dst, at.temp(), at.path());
        leftovers.remove(at.temp());
        log.debug("copied {} ({} bytes) to {}", source.path(), bytes, at.path());
        return outcome;
    }
}
