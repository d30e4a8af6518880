package io.sftpsync.core.copy;

import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing at the sink so that a real name never holds a partial file: write under a temporary name, give it its
 * times, rename it onto the real name; on failure, remove what was written. Every copy strategy writes this way.
 */
public final class AtomicWrite {

    private static final Logger log = LoggerFactory.getLogger(AtomicWrite.class);

    private AtomicWrite() {
    }

    /** Writing at the sink, given where to record the files that must go if it fails. */
    @FunctionalInterface
    public interface SinkWork<T> {
        T run(SftpSession dst, Leftovers leftovers) throws IOException;
    }

    /** Fills a temporary file through a stream with many write requests in flight. */
    @FunctionalInterface
    public interface Content<T> {
        T writeTo(SftpOutputStreamAsync out) throws IOException;
    }

    /** Runs a write at the sink and removes its leftovers when the write fails. */
    public static <T> T run(SftpPool sink, SinkWork<T> write) throws IOException {
        Leftovers leftovers = new Leftovers();
        try {
            return sink.call(dst -> write.run(dst, leftovers));
        } catch (IOException | RuntimeException e) {
            // A new borrow: the channel that failed is discarded if its connection broke.
            SinkCleanup.removeQuietly(sink, leftovers.paths());
            throw e;
        }
    }

    /**
     * Creates (or truncates) the target's temporary file owner-only ({@link Permissions#OWNER_ONLY}) and records
     * it as a leftover. A directory remembered as existing but removed since is created again.
     */
    public static CloseableHandle createTemporary(SftpSession dst, SinkTarget at, Leftovers leftovers)
            throws IOException {
        return createTemporary(dst, at, leftovers, Permissions.OWNER_ONLY);
    }

    /**
     * Creates (or truncates) the target's temporary file with a mode and records it as a leftover. A directory
     * remembered as existing but removed since is created again.
     *
     * @param mode the new file's permission bits (less the server's umask), or {@link Permissions#UNKNOWN} for the
     *             server's default
     */
    public static CloseableHandle createTemporary(SftpSession dst, SinkTarget at, Leftovers leftovers, int mode)
            throws IOException {
        RawRequests raw = new RawRequests(dst.client());
        CloseableHandle out;
        try {
            out = raw.expectHandle(raw.openForWriting(at.temp(), mode), at.temp());
        } catch (SftpException e) {
            if (!SftpStatus.isMissing(e)) {
                throw e;
            }
            RemoteDirectories.forget(dst, at.dir());
            RemoteDirectories.ensure(dst, at.dir());
            out = raw.expectHandle(raw.openForWriting(at.temp(), mode), at.temp());
        }
        leftovers.add(at.temp());
        return out;
    }

    /**
     * Creates the temporary file of a target and writes its content pipelined: two buffers, many write requests
     * in flight. Its failures name the real path: that is what the user knows; the temporary is in the debug log.
     */
    public static <T> T writeTemporary(SftpSession dst, SinkTarget at, Leftovers leftovers, Content<T> content)
            throws IOException {
        try (CloseableHandle out = createTemporary(dst, at, leftovers)) {
            return fill(dst, at, out, content);
        } catch (IOException e) {
            throw dst.failure("writing", at.path(), e);
        }
    }

    /** Writes the content of an open temporary pipelined; the handle stays open. Failures name the real path. */
    static <T> T fill(SftpSession dst, SinkTarget at, CloseableHandle out, Content<T> content) throws IOException {
        try (SftpOutputStreamAsync sinkOut = new SftpOutputStreamAsync((AbstractSftpClient) dst.client(),
                dst.writeSize(), at.temp(), out, false)) {
            return content.writeTo(sinkOut);
        } catch (IOException e) {
            log.debug("writing {} failed: {}", RelativePath.printable(at.temp()), e.toString());
            throw dst.failure("writing", at.path(), e);
        }
    }

    /** Gives the complete temporary file its times and renames it onto the real name. */
    public static void publishWithTimes(SftpSession dst, SinkTarget at, FileTime mtime) throws IOException {
        publishWithTimes(dst, at, mtime, Permissions.UNKNOWN);
    }

    /**
     * Gives the complete (and checked) temporary file its times and permission bits and renames it onto the real
     * name.
     *
     * @param mode the published file's permission bits, or {@link Permissions#UNKNOWN} to keep the temporary's
     */
    public static void publishWithTimes(SftpSession dst, SinkTarget at, FileTime mtime, int mode) throws IOException {
        setAttributes(dst, at, mtime, mode);
        publish(dst, at.temp(), at.path());
    }

    /** Gives the complete temporary file its times: the source's mtime, and now as its atime. */
    public static void setTimes(SftpSession dst, SinkTarget at, FileTime mtime) throws IOException {
        setAttributes(dst, at, mtime, Permissions.UNKNOWN);
    }

    /**
     * Gives the temporary file its times and permission bits in one request.
     *
     * @param mode permission bits, or {@link Permissions#UNKNOWN} to leave them
     */
    static void setAttributes(SftpSession dst, SinkTarget at, FileTime mtime, int mode) throws IOException {
        try {
            dst.client().setStat(at.temp(), attributes(dst, at, mtime, mode));
        } catch (IOException e) {
            throw dst.failure("setting the times of", at.path(), e);
        }
    }

    /** As {@link #setAttributes(SftpSession, SinkTarget, FileTime, int)}, through the open handle. */
    static void setAttributes(SftpSession dst, SinkTarget at, CloseableHandle out, FileTime mtime, int mode)
            throws IOException {
        try {
            dst.client().setStat(out, attributes(dst, at, mtime, mode));
        } catch (IOException e) {
            throw dst.failure("setting the times of", at.path(), e);
        }
    }

    /** Gives the checked temporary file the mode it could not have before the check. */
    static void setMode(SftpSession dst, SinkTarget at, int mode) throws IOException {
        if (mode == Permissions.UNKNOWN) {
            return;
        }
        try {
            dst.client().setStat(at.temp(), new Attributes().perms(mode));
        } catch (IOException e) {
            throw dst.failure("setting the permissions of", at.path(), e);
        }
    }

    private static Attributes attributes(SftpSession dst, SinkTarget at, FileTime mtime, int mode)
            throws IOException {
        FileTime wire = V3Times.forMina(mtime, dst, at.path());
        // Both times in one request: MINA drops a lone mtime on SFTP v3. The atime is now: a temporary left by a
        // copy stopped after this still says when it was written (the scanner removes old ones by the later time).
        Attributes attributes = new Attributes().accessTime(FileTime.from(java.time.Instant.now().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS))).modifyTime(wire);
        return mode == Permissions.UNKNOWN ? attributes : attributes.perms(mode);
    }

    /**
     * Renames the complete temporary file onto the real name. posix-rename@openssh.com replaces the target
     * atomically. Plain SFTP v3 rename refuses an existing target, so without the extension the old file is moved
     * aside first and put back if the new one cannot take its name: for a moment there is no file under the name,
     * but never a partial one, and the previous version is never lost.
     */
    public static void publish(SftpSession dst, String temp, String target) throws IOException {
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
                replace(client, temp, target);
            }
        } catch (IOException e) {
            throw dst.failure("renaming " + RelativePath.printable(temp) + " to", target, e);
        }
    }

    /** Replaces an existing target without an atomic rename, keeping the old version until the new one is in. */
    private static void replace(SftpClient client, String temp, String target) throws IOException {
        int slash = target.lastIndexOf('/');
        String aside = target.substring(0, slash + 1) + TempNames.forPreviousVersion(target.substring(slash + 1));
        try {
            client.rename(target, aside);
        } catch (SftpException e) {
            if (!SftpStatus.isMissing(e)) {
                throw e;
            }
            client.rename(temp, target);
            return;
        }
        try {
            client.rename(temp, target);
        } catch (IOException e) {
            try {
                client.rename(aside, target);
            } catch (IOException back) {
                e.addSuppressed(back);
                log.error("the previous version of {} could not be put back; it is kept as {}",
                        RelativePath.printable(target), RelativePath.printable(aside));
            }
            throw e;
        }
        try {
            SinkCleanup.removeIfPresent(client, aside);
        } catch (IOException e) {
            log.warn("{} has its new version; its previous one could not be removed from {}: {}",
                    RelativePath.printable(target), RelativePath.printable(aside), e.toString());
        }
    }
}
