package io.sftpsync.large.copy.compress;

import io.sftpsync.core.copy.AtomicWrite;
import io.sftpsync.core.copy.Digests;
import io.sftpsync.core.copy.Leftovers;
import io.sftpsync.core.copy.RemoteDirectories;
import io.sftpsync.core.copy.ScannedSource;
import io.sftpsync.core.copy.SinkTarget;
import io.sftpsync.core.copy.SliceInput;
import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.manifest.SinkManifest;
import io.sftpsync.core.manifest.SinkManifests;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import io.sftpsync.large.copy.ManifestSets;
import io.sftpsync.large.copy.OutputCollisionException;
import io.sftpsync.large.copy.OutputCollisions;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one file to the sink gzip-compressed, as {@code name.gz}: the source is read pipelined, hashed and
 * deflated on the way, and the gzip stream goes straight into pipelined writes of a temporary file that is
 * renamed onto the real name only when complete and the source unchanged, followed by its manifest
 * ({@code name.manifest.json}, {@link SinkManifest}: the source's size, mtime and SHA-256, the .gz's name, size and
 * SHA-256), the old manifest moved out of the way first, as a split's set is replaced.
 */
public final class CompressCopy {

    private static final Logger log = LoggerFactory.getLogger(CompressCopy.class);
    /** Deflated output handed to the sink stream at a time; GZIPOutputStream's default is 512 bytes. */
    private static final int DEFLATED_CHUNK = 64 * 1024;

    /** Creates a compressor; it keeps no state of its own and may be shared by threads. */
    public CompressCopy() {
    }

    /**
     * Copies a file compressed. The source is opened and checked against what the scan saw before anything is
     * written, and checked again before the gzip file is renamed onto its name.
     *
     * @param source        pool of the source server
     * @param sink          pool of the sink server, another pool than {@code source}
     * @param relativePath  the file, relative to both base paths; the sink gets it with ".gz" appended
     * @param expectedSize  size the scan saw
     * @param expectedMtime mtime the scan saw (compared in whole seconds)
     * @return the original bytes and their SHA-256, the compressed size and where the gzip file is
     * @throws SourceChangedException   when the source differs from the scan, or changed during the copy
     * @throws SftpOperationException   when a server refuses or the connection fails, naming side and path
     * @throws IOException              when no channel can be had (connect, login, host key)
     * @throws OutputCollisionException when a source file of the directory is called {@code name.gz} or
     *                                  {@code name.manifest.json}
     * @throws IllegalArgumentException when the path is not a safe relative path, or both pools are the same
     */
    public CompressOutcome copy(SftpPool source, SftpPool sink, String relativePath, long expectedSize,
            Instant expectedMtime) throws IOException {
        ScannedSource.checkArguments(source, sink, relativePath, expectedMtime);
        String target = relativePath + ".gz";
        return ScannedSource.open(source, relativePath, expectedSize, expectedMtime, from -> {
            OutputCollisions.refuse(from.session(), relativePath, Set.of(RelativePath.name(target),
                    RelativePath.name(SinkManifest.pathFor(relativePath))));
            return AtomicWrite.run(sink, (dst, leftovers) -> compress(dst, relativePath, target, from, leftovers));
        });
    }

    private static CompressOutcome compress(SftpSession dst, String relativePath, String target,
            ScannedSource source, Leftovers leftovers) throws IOException {
        SinkTarget at = SinkTarget.of(dst, target);
        SinkTarget manifestAt = SinkTarget.of(dst, SinkManifest.pathFor(relativePath));
        RemoteDirectories.ensure(dst, at.dir());
        Optional<SinkManifest> previous = SinkManifests.read(dst, relativePath);
        MessageDigest digest = Digests.sha256();
        MessageDigest gzipDigest = Digests.sha256();
        long bytes = AtomicWrite.writeTemporary(dst, at, leftovers, out -> {
            try (SliceInput in = source.read(digest);
                 GZIPOutputStream gzip = new GZIPOutputStream(new DigestOutputStream(out, gzipDigest),
                         DEFLATED_CHUNK)) {
                in.transferTo(gzip);
                return in.count();
            }
        });
        source.requireUnchanged(bytes);
        long compressed;
        try {
            compressed = dst.client().stat(at.temp()).getSize();
        } catch (IOException e) {
            throw dst.failure("checking", at.path(), e);
        }
        FileTime mtime = source.mtime();
        String sha256 = Digests.hex(digest);
        SinkManifest manifest = SinkManifest.of(relativePath, TransferStrategy.COMPRESS, bytes, mtime.toInstant(),
                null, sha256, List.of(new SinkManifest.Entry(RelativePath.name(target), compressed,
                        Digests.hex(gzipDigest))));
        ManifestSets.writeTemporary(dst, manifestAt, manifest, leftovers);
        ManifestSets.replace(dst, manifestAt, List.of(at), mtime, leftovers);
        ManifestSets.removeSurplus(dst, at.dir(), previous, Set.of(RelativePath.name(target)));
        log.debug("compressed {} ({} bytes) to {} ({} bytes)", source.path(), bytes, at.path(), compressed);
        return new CompressOutcome(bytes, sha256, compressed, target);
    }
}
