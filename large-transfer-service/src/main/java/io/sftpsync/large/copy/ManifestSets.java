package io.sftpsync.large.copy;

import io.sftpsync.core.copy.AtomicWrite;
import io.sftpsync.core.copy.Leftovers;
import io.sftpsync.core.copy.SinkCleanup;
import io.sftpsync.core.copy.SinkTarget;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.manifest.SinkManifest;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last steps every strategy with a manifest shares (SPLIT, COMPRESS): its manifest written under a temporary
 * name, the complete set renamed in with the manifest last, what the previous manifest listed and the new set
 * lacks removed.
 */
public final class ManifestSets {

    private static final Logger log = LoggerFactory.getLogger(ManifestSets.class);

    private ManifestSets() {
    }

    /**
     * Renames the complete set into place, the old manifest out of the way first and the new one last, so a
     * manifest at the sink never lists a part of another version; on failure the previous set comes back.
     */
    public static void replace(SftpSession dst, SinkTarget manifestAt, List<SinkTarget> files, FileTime mtime,
            Leftovers leftovers) throws IOException {
        SetReplacement replacement = new SetReplacement(dst, leftovers);
        try {
            replacement.moveAside(manifestAt.path());
            for (SinkTarget at : files) {
                replacement.place(at, mtime);
            }
            replacement.place(manifestAt, mtime);
        } catch (IOException | RuntimeException e) {
            replacement.rollBack();
            throw e;
        }
        replacement.commit();
    }

    /** Writes a manifest under its temporary name, to be renamed into place with the set it lists. */
    public static void writeTemporary(SftpSession dst, SinkTarget at, SinkManifest manifest, Leftovers leftovers)
            throws IOException {
        byte[] json = manifest.toJson();
        AtomicWrite.writeTemporary(dst, at, leftovers, out -> {
            out.write(json);
            return null;
        });
    }

    /**
     * Removes what the previous manifest listed that the new set does not have, e.g. the parts of an earlier,
     * longer split or an earlier .gz. Only names a manifest of ours listed: a real file named like a part is never
     * touched. Best effort: the new manifest says which files are the set, so one left behind misleads no one.
     */
    public static void removeSurplus(SftpSession dst, String dir, Optional<SinkManifest> previous, Set<String> keep) {
        if (previous.isEmpty()) {
            return;
        }
        for (String name : previous.get().names()) {
            if (keep.contains(name) || !RelativePath.name(name).equals(name)) {
                continue;
            }
            String path = RelativePath.resolve(dir, name);
            try {
                SinkCleanup.removeIfPresent(dst.client(), path);
            } catch (IOException e) {
                log.warn("could not remove {}, left over from the previous set: {}", RelativePath.printable(path),
                        TransferErrors.describe(e));
            }
        }
    }
}
