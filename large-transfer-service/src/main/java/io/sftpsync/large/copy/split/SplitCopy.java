package io.sftpsync.large.copy.split;

import io.sftpsync.core.copy.AtomicWrite;
import io.sftpsync.core.copy.Digests;
import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.core.copy.Leftovers;
import io.sftpsync.core.copy.RemoteDirectories;
import io.sftpsync.core.copy.ScannedSource;
import io.sftpsync.core.copy.SinkCleanup;
import io.sftpsync.core.copy.SinkTarget;
import io.sftpsync.core.copy.SliceInput;
import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import io.sftpsync.large.copy.split.SplitOutcome.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies one file to the sink as numbered parts plus a manifest, for sinks that limit the size of a file:
 * {@code name.part0001}, {@code name.part0002}, ... and {@code name.manifest.json} in the file's own directory.
 * One pass over the source, pipelined as {@link FileCopier} does; each part is written under a temporary name and
 * renamed when complete, and the manifest comes last, so a set with a manifest is whole.
 */
public final class SplitCopy {

    private static final Logger log = LoggerFactory.getLogger(SplitCopy.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    /** Each part costs a few round trips and a manifest entry held in memory until the manifest is written. */
    private static final long MAX_PARTS = 100_000;

    /** Creates a splitter; it keeps no state of its own and may be shared by threads. */
    public SplitCopy() {
    }

    /**
     * Copies a file as parts. The source is opened and checked against what the scan saw before anything is
     * written, and checked again before the manifest is. Parts of an earlier, longer split under the same name
     * are removed once the new manifest is written.
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
        return ScannedSource.open(source, relativePath, expectedSize, expectedMtime,
                from -> AtomicWrite.run(sink,
                        (dst, leftovers) -> split(dst, relativePath, from, partSize, leftovers)));
    }

    private static SplitOutcome split(SftpSession dst, String relativePath, ScannedSource source, long partSize,
            Leftovers leftovers) throws IOException {
        String name = RelativePath.name(relativePath);
        String manifest = sibling(relativePath, name + ".manifest.json");
        SinkTarget manifestAt = SinkTarget.of(dst, manifest);
        RemoteDirectories.ensure(dst, manifestAt.dir());
        FileTime mtime = source.mtime();
        long size = source.before().getSize();
        long count = partCount(size, partSize);
        int digits = Math.max(4, Long.toString(count).length());
        MessageDigest whole = Digests.sha256();
        List<Part> parts = new ArrayList<>();
        long done = 0;
        try (SliceInput in = source.read(whole)) {
            for (long i = 1; i <= count; i++) {
                long length = Math.min(partSize, size - done);
                SinkTarget at = SinkTarget.of(dst, sibling(relativePath,
                        String.format(Locale.ROOT, "%s.part%0" + digits + "d", name, i)));
                MessageDigest partDigest = Digests.sha256();
                long partBytes = AtomicWrite.writeTemporary(dst, at, leftovers,
                        out -> out.transferFrom(in.slice(length, partDigest)));
                done += partBytes;
                if (partBytes < length) {
                    // The source ended early, so it shrank: this throws.
                    source.requireUnchanged(done);
                }
                if (i == 1) {
                    // From the first rename on, an earlier set under this name is not whole: its manifest goes.
                    remove(dst, manifestAt.path());
                }
                publishPart(dst, at, mtime, leftovers);
                parts.add(new Part(RelativePath.name(at.path()), partBytes,
                        Digests.hex(partDigest)));
            }
        }
        source.requireUnchanged(done);
        String sha256 = Digests.hex(whole);
        writeManifest(dst, manifestAt, new Manifest(1, relativePath, size, sha256, mtime.toInstant(), partSize,
                parts), leftovers);
        // The set is whole: nothing of it goes any more.
        leftovers.clear();
        removeSurplus(dst, manifestAt.dir(), name, parts.stream().map(Part::name).collect(Collectors.toSet()));
        log.debug("split {} ({} bytes) into {} parts at {}", source.path(), done, parts.size(), manifestAt.path());
        return new SplitOutcome(done, sha256, parts, manifest);
    }

    /** Renames a complete part onto its name; from then on it is what must go if the split fails. */
    private static void publishPart(SftpSession dst, SinkTarget at, FileTime mtime, Leftovers leftovers)
            throws IOException {
        // Recorded before the rename: if the answer is lost, the part may be there all the same.
        leftovers.add(at.path());
        AtomicWrite.publishWithTimes(dst, at, mtime);
        leftovers.remove(at.temp());
    }

    private static void writeManifest(SftpSession dst, SinkTarget at, Manifest manifest, Leftovers leftovers)
            throws IOException {
        byte[] json = JSON.writeValueAsBytes(manifest);
        AtomicWrite.writeTemporary(dst, at, leftovers, out -> {
            out.write(json);
            return null;
        });
        AtomicWrite.publishWithTimes(dst, at, FileTime.from(manifest.mtime()));
        leftovers.remove(at.temp());
    }

    /** The manifest's JSON. */
    private record Manifest(int schemaVersion, String path, long size, String sha256, Instant mtime, long partSize,
            List<Part> parts) {
    }

    private static long partCount(long size, long partSize) {
        return Math.max(1, Math.ceilDiv(size, partSize));
    }

    private static String sibling(String relativePath, String name) {
        return RelativePath.resolve(RelativePath.parent(relativePath), name);
    }

    private static void remove(SftpSession dst, String path) throws IOException {
        try {
            SinkCleanup.removeIfPresent(dst.client(), path);
        } catch (IOException e) {
            throw dst.failure("removing", path, e);
        }
    }

    /**
     * Removes parts under the name that are not in the new set, e.g. of an earlier, longer split. Best effort: the
     * manifest lists the parts, so one left behind misleads no one.
     */
    private static void removeSurplus(SftpSession dst, String dir, String name, Set<String> keep) {
        Pattern partName = Pattern.compile(Pattern.quote(name) + "\\.part[0-9]{4,}");
        try {
            List<String> surplus = new ArrayList<>();
            // Listed first, removed after: a directory changing while it is read may skip entries.
            for (DirEntry e : dst.client().readDir(dir)) {
                if (partName.matcher(e.getFilename()).matches() && !keep.contains(e.getFilename())) {
                    surplus.add(RelativePath.resolve(dir, e.getFilename()));
                }
            }
            for (String path : surplus) {
                remove(dst, path);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not remove the surplus parts of {}: {}", RelativePath.printable(
                    RelativePath.resolve(dir, name)), TransferErrors.describe(e));
        }
    }
}
