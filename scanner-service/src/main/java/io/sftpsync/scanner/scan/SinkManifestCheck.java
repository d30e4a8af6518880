package io.sftpsync.scanner.scan;

import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.manifest.SinkManifest;
import io.sftpsync.core.manifest.SinkManifests;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an oversized file's manifest at the sink ({@code name.manifest.json}): when it records the source's size
 * and mtime, an approved SPLIT or COMPRESS already wrote this version, and the file is not queued (nor an
 * approval asked for) again. One read per oversized file that differs from the sink's file of its own name.
 */
final class SinkManifestCheck implements ScanPlanner.WrittenByStrategy {

    private static final Logger log = LoggerFactory.getLogger(SinkManifestCheck.class);

    private final Supplier<SftpPool> sink;

    SinkManifestCheck(Supplier<SftpPool> sink) {
        this.sink = sink;
    }

    @Override
    public boolean holds(RemoteFile source) {
        try {
            Optional<SinkManifest> manifest = sink.get().call(dst -> SinkManifests.read(dst, source.path()));
            return manifest.isPresent() && manifest.get().describes(source.size(), source.mtime());
        } catch (IOException e) {
            // Queued, as before manifests: the approval service recognises a discovery it has seen.
            log.warn("{}: its manifest at the sink could not be read ({}); queued", RelativePath.printable(
                    source.path()), TransferErrors.describe(e));
            return false;
        }
    }
}
