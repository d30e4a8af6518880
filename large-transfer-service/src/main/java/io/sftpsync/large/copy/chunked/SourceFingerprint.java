package io.sftpsync.large.copy.chunked;

import io.sftpsync.core.copy.Digests;
import io.sftpsync.core.copy.ScannedSource;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.sftp.SftpPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells source versions apart that size and a whole-second mtime do not ({@code cp -p}, {@code rsync -t} within
 * one second): SHA-256 over the size and {@value #SAMPLES} ranges of {@value #SAMPLE} bytes, the first, the last
 * and the rest spread evenly between. Half a MiB read per check, cheap over SFTP; a change that touches none of
 * the sampled ranges goes unseen.
 */
public final class SourceFingerprint {

    /** Bytes per sampled range. */
    static final int SAMPLE = 64 * 1024;
    /** Sampled ranges; a file of at most this many samples is hashed whole. */
    static final int SAMPLES = 8;

    private SourceFingerprint() {
    }

    /** A byte range of the source. */
    record Range(long offset, int length) {
    }

    /**
     * Reads the sampled ranges of the source version the transfer copies.
     *
     * @param source   the source
     * @param expected the version: path, size and mtime
     * @return hex SHA-256
     * @throws SourceChangedException when the source is not that version, or shorter than its size
     * @throws IOException            naming the path when the source cannot be read
     */
    public static String of(SftpPool source, RemoteFile expected) throws IOException {
        return ScannedSource.open(source, expected.path(), expected.size(), expected.mtime(), from -> {
            MessageDigest digest = Digests.sha256();
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(expected.size()).flip());
            byte[] buffer = new byte[Math.min(SAMPLE, from.session().readSize())];
            for (Range r : ranges(expected.size())) {
                read(from, r, buffer, digest);
            }
            return Digests.hex(digest);
        });
    }

    /** The ranges sampled from a file of a size, in order, not overlapping. */
    static List<Range> ranges(long size) {
        if (size <= (long) SAMPLES * SAMPLE) {
            return List.of(new Range(0, (int) size));
        }
        List<Range> ranges = new ArrayList<>(SAMPLES);
        for (int i = 0; i < SAMPLES; i++) {
            ranges.add(new Range((size - SAMPLE) * i / (SAMPLES - 1), SAMPLE));
        }
        return ranges;
    }

    private static void read(ScannedSource from, Range r, byte[] buffer, MessageDigest digest) throws IOException {
        long at = r.offset();
        long end = r.offset() + r.length();
        while (at < end) {
            int n;
            try {
                n = from.session().client().read(from.handle(), at, buffer, 0, (int) Math.min(buffer.length,
                        end - at));
            } catch (IOException e) {
                throw from.session().failure("reading", from.path(), e);
            }
            if (n < 0) {
                throw new SourceChangedException("source changed: it ended at " + at + " of " + end + " bytes");
            }
            digest.update(buffer, 0, n);
            at += n;
        }
    }
}
