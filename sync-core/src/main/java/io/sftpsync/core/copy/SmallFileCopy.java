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
 * open, read, then fstat and close at once; open the temporary, then write, set the times and close at once;
 * then the atomic rename. Most of a small file's cost is waiting for replies, not moving bytes. The file is
 * checked against the scan after it is read (one fstat), and nothing is written when it changed.
 */
final class SmallFileCopy {

    private SmallFileCopy() {
    }

    static CopyOutcome copy(SftpPool source, SftpPool sink, String relativePath, long expectedSize,
            Instant expectedMtime, TemporaryCheck check) throws IOException {
        byte[] data = source.call(src -> read(src, relativePath, (int) expectedSize, expectedMtime));
        MessageDigest digest = Digests.sha256();
        digest.update(data);
        long mtime = expectedMtime.getEpochSecond();
        CopyOutcome outcome = new CopyOutcome(data.length, Digests.hex(digest), Instant.ofEpochSecond(mtime));
        AtomicWrite.run(sink, (dst, leftovers) -> {
            write(dst, relativePath, data, outcome, check, leftovers);
            return null;
        });
        return outcome;
    }

    private static byte[] read(SftpSession src, String relativePath, int expectedSize, Instant expectedMtime)
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
        return data;
    }

    private static void write(SftpSession dst, String relativePath, byte[] data, CopyOutcome outcome,
            TemporaryCheck check, Leftovers leftovers) throws IOException {
        SinkTarget at = SinkTarget.of(dst, relativePath);
        long mtime = V3Times.checked(outcome.mtime().getEpochSecond(), dst, at.path());
        RemoteDirectories.ensure(dst, at.dir());
        RawRequests raw = new RawRequests(dst.client());
        CloseableHandle out = null;
        boolean closing = false;
        try {
            out = AtomicWrite.createTemporary(dst, at, leftovers);
            int write = raw.write(out, data, data.length);
            int times = raw.setTimes(out, mtime);
            int close = raw.close(out);
            closing = true;
            raw.expectOk(write);
            raw.expectOk(times);
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
        AtomicWrite.publish(dst, at.temp(), at.path());
        leftovers.remove(at.temp());
    }
}
