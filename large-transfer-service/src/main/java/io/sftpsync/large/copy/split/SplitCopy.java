package io.sftpsync.large.copy.split;

import io.sftpsync.core.copy.AtomicWrite;
import io.sftpsync.core.copy.Digests;
import io.sftpsync.core.copy.FileCopier;
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
import io.sftpsync.large.copy.SetReplacement;
import io.sftpsync.large.copy.split.SplitOutcome.Part;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one file to the sink as numbered parts plus a manifest, for sinks that limit the size of a file:
 * {@code name.part0001}, {@code name.part0002}, ... and {@code name.manifest.json} in the file's own directory.
 * One pass over the source, pipelined as {@link FileCopier} does. Every part is written under a temporary name
 * and the source checked unchanged before any is renamed: until then the set the sink held stays whole with its
 * manifest. Then {@link SetReplacement} renames the new set in, the old manifest out of the way first and the new
 * one ({@link SinkManifest}) last, so a set with a manifest is whole, and puts the old set back if a rename fails.
 * Output names that a source file of the directory has are refused ({@link OutputCollisions}).
 */
public final class SplitCopy {

    private static final Logger log = LoggerFactory.getLogger(SplitCopy.class);
    /** Each part costs a few round trips and a manifest entry held in memory until the manifest is written. */
    private static final long MAX_PARTS = 100_000;

    /** Creates a splitter; it keeps no state of its own and may be shared by threads. */
    public SplitCopy() {
    }

    /**
     * Copies a file as parts. The source is opened and checked against what the scan saw before anything is
     * written, and checked again before any part is renamed into place. Files the previous manifest listed that
     * the new set does not have (the parts of a longer split, a .gz) are removed once the new manifest is in place.
     *
     * @param source        pool of the source server
     * @param sink          pool of the sink server, another pool than {@code source}
     * @param relativePath  the file, relative to both base paths
     * @param expectedSize  size the scan saw
     * @param expectedMtime mtime the scan saw (compared in whole seconds)
     * @param partSize      bytes per part; the last part holds the rest, an empty file gets one empty part
     * @return the bytes, their SHA-256, the parts and where the manifest is
     * @throws SourceChangedException   when the source differs from the scan, or changed during the copy
     * @throws SftpOperationException   when a server refuses or the connection fails, naming side and path
     * @throws IOException              when no channel can be had (connect, login, host key)
     * @throws OutputCollisionException when a source file of the directory has the name of a part or the manifest
     * @throws IllegalArgumentException when the path is not a safe relative path, both pools are the same,
     *                                  partSize is not positive or would make more than 100,000 parts
     */
    public SplitOutcome copy(SftpPool source, SftpPool sink, String relativePath, long expectedSize,
            Instant expectedMtime, long partSize) throws IOException {
        ScannedSource.checkArguments(source, sink, relativePath, expectedMtime);
        if (partSize <= 0) {
            throw new IllegalArgumentException("partSize must be greater than 0");
        }
        long count = partCount(expectedSize, partSize);
        if (count > MAX_PARTS) {
            throw new IllegalArgumentException("partSize " + partSize + " would make " + count + " parts of "
                    + RelativePath.printable(relativePath) + "; at most " + MAX_PARTS);
        }
        return ScannedSource.open(source, relativePath, expectedSize, expectedMtime, from -> {
            Set<String> names = new HashSet<>(partNames(RelativePath.name(relativePath), from.size(), partSize));
            names.add(RelativePath.name(SinkManifest.pathFor(relativePath)));
            OutputCollisions.refuse(from.session(), relativePath, names);
            return AtomicWrite.run(sink, (dst, leftovers) -> split(dst, relativePath, from, partSize, leftovers));
        });
    }

    private static SplitOutcome split(SftpSession dst, String relativePath, ScannedSource source, long partSize,
            Leftovers leftovers) throws IOException {
        SinkTarget manifestAt = SinkTarget.of(dst, SinkManifest.pathFor(relativePath));
        RemoteDirectories.ensure(dst, manifestAt.dir());
        Optional<SinkManifest> previous = SinkManifests.read(dst, relativePath);
        FileTime mtime = source.mtime();
        long size = source.before().getSize();
        List<String> names = partNames(RelativePath.name(relativePath), size, partSize);
        MessageDigest whole = Digests.sha256();
        List<SinkTarget> targets = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        long done = 0;
        // Every part is written under its temporary name first: the set the sink holds stays whole meanwhile.
        try (SliceInput in = source.read(whole)) {
            for (String partName : names) {
                long length = Math.min(partSize, size - done);
                SinkTarget at = SinkTarget.of(dst, sibling(relativePath, partName));
                MessageDigest partDigest = Digests.sha256();
                long partBytes = AtomicWrite.writeTemporary(dst, at, leftovers,
                        out -> out.transferFrom(in.slice(length, partDigest)));
                done += partBytes;
                if (partBytes < length) {
                    // The source ended early, so it shrank: this throws.
                    source.requireUnchanged(done);
                }
                targets.add(at);
                parts.add(new Part(partName, partBytes, Digests.hex(partDigest)));
            }
        }
        source.requireUnchanged(done);
        String sha256 = Digests.hex(whole);
        SinkManifest manifest = SinkManifest.of(relativePath, TransferStrategy.SPLIT, size, mtime.toInstant(),
                partSize, sha256, parts.stream().map(p -> new SinkManifest.Entry(p.name(), p.size(), p.sha256()))
                        .toList());
        ManifestSets.writeTemporary(dst, manifestAt, manifest, leftovers);
        ManifestSets.replace(dst, manifestAt, targets, mtime, leftovers);
        ManifestSets.removeSurplus(dst, manifestAt.dir(), previous, Set.copyOf(names));
        log.debug("split {} ({} bytes) into {} parts at {}", source.path(), done, parts.size(), manifestAt.path());
        return new SplitOutcome(done, sha256, parts, SinkManifest.pathFor(relativePath));
    }

    /**
     * The names a split of a file writes: {@code name.part0001} on, at least four digits, then the manifest.
     *
     * @param name     the file's name
     * @param size     its size
     * @param partSize bytes per part
     * @return the part names in order
     */
    public static List<String> partNames(String name, long size, long partSize) {
        long count = partCount(size, partSize);
        int digits = Math.max(4, Long.toString(count).length());
        List<String> names = new ArrayList<>();
        for (long i = 1; i <= count; i++) {
            names.add(String.format(Locale.ROOT, "%s.part%0" + digits + "d", name, i));
        }
        return names;
    }

    private static long partCount(long size, long partSize) {
        return Math.max(1, Math.ceilDiv(size, partSize));
    }

    private static String sibling(String relativePath, String name) {
        return RelativePath.resolve(RelativePath.parent(relativePath), name);
    }
}
