package io.sftpsync.core.copy;

import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;

/**
 * The copy of a file that fits in one read and one write request, with each side's requests pipelined:
 * open, read, then fstat and close at once; open the temporary (owner-only), then write, set the times and mode,
 * fsync and close at once; then the check and the atomic rename. Most of a small file's cost is waiting for
 * replies, not moving bytes. The file is checked against the scan after it is read (one fstat), and nothing is
 * written when it changed.
 */
final class SmallFileCopy {

    private SmallFileCopy() {
    }

    /** The bytes of a source file and the mode its copy gets. */
    private record Read(byte[] data, int mode) {
    }

    static CopyOutcome copy(SftpPool source, SftpPool sink, String relativePath, long expectedSize,
            Instant expectedMtime, TemporaryCheck check, WriteOptions options) throws IOException {
        Read read = source.call(src -> read(src, relativePath, (int) expectedSize, expectedMtime));
        byte[] data = read.data();
        MessageDigest digest = Digests.sha256();
        digest.update(data);
        long mtime = expectedMtime.getEpochSecond();
        CopyOutcome outcome = new CopyOutcome(data.length, Digests.hex(digest), Instant.ofEpochSecond(mtime));
        int mode = options.publishedMode(read.mode());
        AtomicWrite.run(sink, (dst, leftovers) -> {
            write(dst, relativePath, data, outcome, check, options, mode, leftovers);
            return null;
        });
        return outcome;
    }

    private static Read read(SftpSession src, String relativePath, int expectedSize, Instant expectedMtime)
            throws IOException {
        String from = src.resolve(relativePath);
        RawRequests raw = new RawRequests(src.client());
        CloseableHandle in = src.open(from, OpenMode.Read);
        byte[] data = new byte[expectedSize];
        Attributes now;
        boolean closing = false;
        try {
            int total = 0;
            for (int n; total < expectedSize && (n = src.client().read(in, total, data, total, expectedSize - total)) > 0; ) {
                total += n;
            }
            int stat = raw.fstat(in);
            int close = raw.close(in);
            closing = true;
            now = raw.expectAttributes(stat);
            raw.expectOk(close);
            if (total != expectedSize) {
                throw new SourceChangedException("source changed since the scan: read " + total + " bytes of "
                        + expectedSize);
            }
        } catch (SourceChangedException e) {
            throw e;
        } catch (IOException e) {
            throw src.failure("reading", from, e);
        } finally {
            if (!closing) {
                Handles.closeQuietly(in, from);
            }
        }
        ScannedSource.requireAsScanned(now, expectedSize, expectedMtime);
        return new Read(data, Permissions.of(now));
    }

    private static void write(SftpSession dst, String relativePath, byte[] data, CopyOutcome outcome,
            TemporaryCheck check, WriteOptions options, int mode, Leftovers leftovers) throws IOException {
        SinkTarget at = SinkTarget.of(dst, relativePath);
        long mtime = V3Times.checked(outcome.mtime().getEpochSecond(), dst, at.path());
        RemoteDirectories.ensure(dst, at.dir());
        RawRequests raw = new RawRequests(dst.client());
        boolean modeFirst = Permissions.readableByOwner(mode);
        boolean fsync = options.fsync() && SinkFsync.offered(dst.client());
        CloseableHandle out = null;
        boolean closing = false;
        try {
            out = AtomicWrite.createTemporary(dst, at, leftovers, options.temporaryMode());
            int write = raw.write(out, data, data.length);
            int times = raw.setTimes(out, mtime, modeFirst ? mode : Permissions.UNKNOWN);
            // A server handles a channel's requests in order, so the fsync covers the write sent before it.
            int synced = fsync ? raw.fsync(out) : -1;
            int close = raw.close(out);
            closing = true;
            raw.expectOk(write);
            raw.expectOk(times);
            if (fsync) {
                raw.expectOk(synced);
            }
            raw.expectOk(close);
        } catch (IOException e) {
            throw dst.failure("writing", at.path(), e);
        } finally {
            if (out != null && !closing) {
                // The pipelined close was never sent; the failure that got here is what counts.
                Handles.closeQuietly(out, at.temp());
            }
        }
        check.check(dst, at.temp(), outcome);
        if (!modeFirst) {
            AtomicWrite.setMode(dst, at, mode);
        }
        AtomicWrite.publish(dst, at.temp(), at.path());
        leftovers.remove(at.temp());
    }
}
