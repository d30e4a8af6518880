package io.sftpsync.large.copy.chunked;

import io.sftpsync.core.copy.AtomicWrite;
import io.sftpsync.core.copy.Digests;
import io.sftpsync.core.copy.Leftovers;
import io.sftpsync.core.copy.Permissions;
import io.sftpsync.core.copy.RemoteDirectories;
import io.sftpsync.core.copy.ScannedSource;
import io.sftpsync.core.copy.SinkTarget;
import io.sftpsync.core.copy.SliceInput;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpInputStreamAsync;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;

/**
 * The pieces of a chunked copy: one byte range of the source written at the same offset of a temporary file at
 * the sink, hashed on the way, and made durable ({@link DurableSync}) piece by piece without waiting for it, so
 * that a crash loses at most the pieces in flight. Ranges of one file may be copied at once over different
 * channels; the caller keeps the record of what is done.
 */
public final class RangeCopier {

    /** Durable steps per chunk. */
    public static final int PIECES_PER_CHUNK = 8;

    /**
     * Pieces a range may have written beyond what is recorded durable: a crash re-sends less than this many
     * pieces per stream (with 8 pieces a chunk and 4 streams, less than one chunk).
     */
    static final int MAX_UNRECORDED_PIECES = 2;

    /** Told, from the sync's thread, that the sink has the first {@code bytes} of a range durably. */
    @FunctionalInterface
    public interface DurablePrefix {
        /**
         * @param bytes  bytes from the range's start
         * @param sha256 hex SHA-256 of those bytes, so that a resume can check them at the sink
         */
        void accept(long bytes, String sha256);
    }


    /** Whether temporaries are owner-only and published files get the source's permission bits. */
    private final boolean preservePermissions;

    /** Creates a copier that keeps the source's permission bits; it may be shared by threads. */
    public RangeCopier() {
        this(true);
    }

    /**
     * Creates a copier; it may be shared by threads.
     *
     * @param preservePermissions create temporaries owner-only and give published files the source's permission
     *                            bits; when false the sink's default mode for a new file applies
     */
    public RangeCopier(boolean preservePermissions) {
        this.preservePermissions = preservePermissions;
    }

    /**
     * Creates the temporary file empty (truncating what is there), and its directory if missing.
     *
     * @param sink         the sink
     * @param temporary    the temporary's relative path
     * @throws IOException naming the path when the sink refuses
     */
    public void createTemporary(SftpPool sink, String temporary) throws IOException {
        sink.call(dst -> {
            String path = dst.resolve(temporary);
            SinkTarget at = new SinkTarget(dst.resolve(RelativePath.parent(temporary)), path, path);
            RemoteDirectories.ensure(dst, at.dir());
            int mode = preservePermissions ? Permissions.OWNER_ONLY : Permissions.UNKNOWN;
            try (CloseableHandle ignored = AtomicWrite.createTemporary(dst, at, new Leftovers(), mode)) {
                return null;
            } catch (IOException e) {
                throw dst.failure("creating", path, e);
            }
        });
    }

    /**
     * Copies one range of the source into the temporary file at the same offset and returns the SHA-256 of the
     * range. The first {@code durableAlready} bytes are already at the sink: they are read from the source and
     * hashed, not sent again.
     *
     * @param source         the source
     * @param sink           the sink, another pool
     * @param relativePath   the source file
     * @param temporary      the sink's temporary file, which must exist
     * @param offset         where the range starts
     * @param length         bytes in the range
     * @param durableAlready bytes at the start of the range the sink already has durably
     * @param expected       the source version the transfer copies: size and mtime
     * @param sync           makes the sink file durable, on this range's own sink channel
     * @param durable        told, from the sync's thread, the count of the range's bytes the sink has durably and
     *                       their digest, after each piece but the last (the caller records the whole range with
     *                       its digest)
     * @return hex SHA-256 of the range, once all of it is written and durable
     * @throws SourceChangedException when the source is no longer the expected version
     * @throws IOException            naming side and path when a server refuses or a connection fails
     */
    public String copyRange(SftpPool source, SftpPool sink, String relativePath, String temporary, long offset,
            long length, long durableAlready, RemoteFile expected, DurableSync sync, DurablePrefix durable)
            throws IOException {
        RelativePath.check(relativePath);
        if (source == sink) {
            throw new IllegalArgumentException("source and sink must be different pools");
        }
        return ScannedSource.open(source, relativePath, expected.size(), expected.mtime(),
                from -> sink.call(dst -> writeRange(from.session(), from.handle(), from.path(), dst,
                        dst.resolve(temporary), offset, length, durableAlready, sync, durable)));
    }

    private static String writeRange(SftpSession src, CloseableHandle in, String from, SftpSession dst, String to,
            long offset, long length, long durableAlready, DurableSync sync, DurablePrefix durable)
            throws IOException {
        MessageDigest digest = Digests.sha256();
        long piece = Math.max(1, Math.ceilDiv(length, PIECES_PER_CHUNK));
        CloseableHandle out = dst.open(to, OpenMode.Write);
        try (out; SftpInputStreamAsync raw = new SftpInputStreamAsync((AbstractSftpClient) src.client(),
                src.readSize(), offset, offset + length, from, in, false)) {
            try {
                SliceInput range = new SliceInput(raw, src, from, null);
                range.hashOnly(durableAlready, digest);
                Deque<CompletableFuture<Void>> unrecorded = new ArrayDeque<>();
                for (long done = durableAlready; done < length; ) {
                    long n = Math.min(piece - done % piece, length - done);
                    // At most two pieces written and not yet recorded durable: what a crash can cost, and the
                    // brake when the sink's disk is slower than the network.
                    awaitOldest(unrecorded, MAX_UNRECORDED_PIECES);
                    range.slice(n, digest);
                    try (SftpOutputStreamAsync sinkOut = new SftpOutputStreamAsync((AbstractSftpClient) dst.client(),
                            dst.writeSize(), to, out, false)) {
                        sinkOut.setOffset(offset + done);
                        sinkOut.transferFrom(range);
                    } catch (IOException e) {
                        throw dst.failure("writing", to, e);
                    }
                    if (range.remaining() != 0) {
                        throw new SourceChangedException("source changed during copy: it ended at "
                                + (offset + done + n - range.remaining()) + " of " + (offset + length) + " bytes");
                    }
                    done += n;
                    if (done < length) {
                        long piecesDone = done;
                        String prefix = Digests.hex(copyOf(digest));
                        unrecorded.add(sync.request(dst, out).thenRun(() -> durable.accept(piecesDone, prefix)));
                    }
                }
                // The last piece is synced on this channel before it goes back to the pool: the range is durable
                // when this returns, and no sync ever waits for a channel another writer holds.
                unrecorded.add(sync.request(dst, out));
                awaitOldest(unrecorded, 1);
            } finally {
                if (sync != null) {
                    sync.withdraw(out);
                }
            }
        }
        return Digests.hex(digest);
    }

    /**
     * Re-reads one range of a file and hashes it: the sink's copy, to verify a chunk.
     *
     * @param pool         the server
     * @param relativePath the file
     * @param offset       where the range starts
     * @param length       bytes in the range
     * @return hex SHA-256 of the range
     * @throws IOException naming the path when it cannot be read, or is shorter than the range
     */
    public String rangeSha256(SftpPool pool, String relativePath, long offset, long length) throws IOException {
        RelativePath.check(relativePath);
        return pool.call(s -> {
            String path = s.resolve(relativePath);
            CloseableHandle in = s.open(path, OpenMode.Read);
            try (in; SftpInputStreamAsync raw = new SftpInputStreamAsync((AbstractSftpClient) s.client(),
                    s.readSize(), offset, offset + length, path, in, false)) {
                MessageDigest digest = Digests.sha256();
                SliceInput range = new SliceInput(raw, s, path, null);
                if (range.hashOnly(length, digest) != length) {
                    throw s.failure("reading", path, new IOException("shorter than " + (offset + length) + " bytes"));
                }
                return Digests.hex(digest);
            }
        });
    }

    /**
     * The digest of a whole file copied in chunks: SHA-256 over the ordered chunk digests (a hash list), which
     * needs no sequential pass over the file.
     *
     * @param chunkDigests hex SHA-256 of each chunk, in order
     * @return hex SHA-256 of their concatenated bytes
     */
    public static String hashList(List<String> chunkDigests) {
        MessageDigest digest = Digests.sha256();
        HexFormat hex = HexFormat.of();
        for (String chunk : chunkDigests) {
            digest.update(hex.parseHex(chunk));
        }
        return hex.formatHex(digest.digest());
    }

    /**
     * Gives the complete temporary file the source's times and renames it onto the real name.
     *
     * @param sink         the sink
     * @param temporary    the temporary's relative path
     * @param relativePath the real name
     * @param mtime        the source mtime
     * @throws IOException naming the path when the sink refuses
     */
    public void publish(SftpPool sink, String temporary, String relativePath, Instant mtime) throws IOException {
        publish(sink, temporary, relativePath, mtime, Permissions.UNKNOWN);
    }

    /**
     * Gives the complete temporary file the source's times and permission bits and renames it onto the real name.
     *
     * @param mode the permission bits ({@link #sourceMode}), or {@link Permissions#UNKNOWN} to keep the temporary's
     * @throws IOException naming the path when the sink refuses
     */
    public void publish(SftpPool sink, String temporary, String relativePath, Instant mtime, int mode)
            throws IOException {
        RelativePath.check(relativePath);
        sink.call(dst -> {
            SinkTarget at = SinkTarget.of(dst, relativePath, temporary);
            AtomicWrite.publishWithTimes(dst, at, FileTime.from(mtime.getEpochSecond(), TimeUnit.SECONDS), mode);
            return null;
        });
    }

    /**
     * The permission bits the published copy of a source file gets: the source's (one stat), or
     * {@link Permissions#UNKNOWN} when permissions are not preserved.
     *
     * @throws IOException naming the source and the path when it cannot be stat'ed
     */
    public int sourceMode(SftpPool source, String relativePath) throws IOException {
        if (!preservePermissions) {
            return Permissions.UNKNOWN;
        }
        return source.call(src -> {
            String path = src.resolve(RelativePath.check(relativePath));
            try {
                return Permissions.of(src.client().stat(path));
            } catch (IOException e) {
                throw src.failure("checking", path, e);
            }
        });
    }

    /** The digest so far, leaving the running one as it is. */
    private static MessageDigest copyOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    /** Waits until fewer than {@code max} durability requests are outstanding. */
    private static void awaitOldest(Deque<CompletableFuture<Void>> outstanding, int max) throws IOException {
        while (outstanding.size() >= max) {
            try {
                outstanding.removeFirst().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the sink to sync");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
    }
}
