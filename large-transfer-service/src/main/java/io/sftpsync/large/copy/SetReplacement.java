package io.sftpsync.large.copy;

import io.sftpsync.core.copy.AtomicWrite;
import io.sftpsync.core.copy.Leftovers;
import io.sftpsync.core.copy.SinkCleanup;
import io.sftpsync.core.copy.SinkTarget;
import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a complete, checked set of temporaries (parts or a .gz, and their manifest last) in place of the set the
 * sink holds, with renames only. Each file it replaces is first moved aside to a hidden
 * {@link TempNames#forPreviousVersion} name, the old manifest first of all, so that a manifest at the sink always
 * lists files that are in place; a failure puts the previous set back, and success removes it.
 */
public final class SetReplacement {

    private static final Logger log = LoggerFactory.getLogger(SetReplacement.class);

    private final SftpSession dst;
    private final Leftovers leftovers;
    /** Pairs of (real name, where its previous version waits), in the order moved. */
    private final List<String[]> asides = new ArrayList<>();
    /** New files renamed onto their real names so far. */
    private final List<String> placed = new ArrayList<>();

    public SetReplacement(SftpSession dst, Leftovers leftovers) {
        this.dst = dst;
        this.leftovers = leftovers;
    }

    /** Moves the file at an absolute sink path aside, if there is one. */
    public void moveAside(String path) throws IOException {
        int slash = path.lastIndexOf('/');
        String aside = path.substring(0, slash + 1) + TempNames.forPreviousVersion(path.substring(slash + 1));
        try {
            dst.client().rename(path, aside);
        } catch (SftpException e) {
            if (SftpStatus.isMissing(e)) {
                return;
            }
            throw dst.failure("moving aside", path, e);
        } catch (IOException e) {
            throw dst.failure("moving aside", path, e);
        }
        asides.add(new String[] {path, aside});
    }

    /** Moves the previous version aside and renames the complete temporary onto the real name. */
    public void place(SinkTarget at, FileTime mtime) throws IOException {
        moveAside(at.path());
        AtomicWrite.publishWithTimes(dst, at, mtime);
        placed.add(at.path());
        leftovers.remove(at.temp());
    }

    /** The new set is in place with its manifest: the previous versions go (best effort: they are hidden). */
    public void commit() {
        for (String[] aside : asides) {
            try {
                SinkCleanup.removeIfPresent(dst.client(), aside[1]);
            } catch (IOException e) {
                log.warn("the previous version of {} could not be removed from {}: {}",
                        RelativePath.printable(aside[0]), RelativePath.printable(aside[1]), TransferErrors.describe(e));
            }
        }
        asides.clear();
        placed.clear();
    }

    /**
     * The replacement failed: the new files placed go and the previous versions come back under their names, the
     * manifest last, so the previous set is whole again. What cannot be put back (the connection is gone) is
     * logged with where it waits.
     */
    public void rollBack() {
        try {
            for (String path : placed) {
                SinkCleanup.removeIfPresent(dst.client(), path);
            }
            for (int i = asides.size() - 1; i >= 0; i--) {
                dst.client().rename(asides.get(i)[1], asides.get(i)[0]);
                asides.remove(i);
            }
        } catch (IOException e) {
            for (String[] aside : asides) {
                log.error("the previous version of {} could not be put back; it is kept as {} ({})",
                        RelativePath.printable(aside[0]), RelativePath.printable(aside[1]),
                        TransferErrors.describe(e));
            }
        }
        placed.clear();
    }
}
