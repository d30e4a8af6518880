package io.sftpsync.core.copy;

import io.sftpsync.core.sftp.SftpSession;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A source stream passed on in slices: at most the bytes of the current slice, each fed to the slice's digest
 * and to the digest of the whole. Whatever the underlying stream reads ahead is never passed on, so a source that
 * grows during a copy cannot keep it running. Read failures are the source's and say so.
 */
public final class SliceInput extends FilterInputStream {

    private final SftpSession src;
    private final String path;
    private final MessageDigest whole;
    private MessageDigest digest;
    private long remaining;
    private long count;

    /**
     * @param in    the source stream
     * @param src   the source's channel, to name it in failures
     * @param path  the source path, for failures
     * @param whole digest of everything passed on, or null
     */
    public SliceInput(InputStream in, SftpSession src, String path, MessageDigest whole) {
        super(in);
        this.src = src;
        this.path = path;
        this.whole = whole;
    }

    /**
     * Starts the next slice.
     *
     * @param bytes  the most it passes on
     * @param digest digest of the slice, or null
     * @return this stream
     */
    public SliceInput slice(long bytes, MessageDigest digest) {
        this.remaining = bytes;
        this.digest = digest;
        return this;
    }

    /** Bytes of the current slice not passed on yet: more than 0 after the end means the source ended early. */
    public long remaining() {
        return remaining;
    }

    /** Bytes passed on over all slices. */
    public long count() {
        return count;
    }

    /**
     * Reads a slice to its end, only hashing it.
     *
     * @return the bytes read: fewer than asked when the source ended
     */
    public long hashOnly(long bytes, MessageDigest digest) throws IOException {
        slice(bytes, digest);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = read(buffer, 0, buffer.length)) > 0; ) {
            total += n;
        }
        return total;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n;
        try {
            n = in.read(b, off, (int) Math.min(len, remaining));
        } catch (IOException e) {
            throw src.failure("reading", path, e);
        }
        if (n > 0) {
            remaining -= n;
            count += n;
            if (digest != null) {
                digest.update(b, off, n);
            }
            if (whole != null) {
                whole.update(b, off, n);
            }
        }
        return n;
    }
}
