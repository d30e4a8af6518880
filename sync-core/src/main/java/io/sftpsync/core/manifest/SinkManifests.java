package io.sftpsync.core.manifest;

import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the manifest of a file at the sink ({@link SinkManifest}): one open and read, no listing. */
public final class SinkManifests {

    private static final Logger log = LoggerFactory.getLogger(SinkManifests.class);
    /** 100,000 parts take about 15 MB; anything much larger is not one of ours. */
    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private SinkManifests() {
    }

    /**
     * The manifest of a file, when the sink has one that can be read as a manifest of that file.
     *
     * @param dst          a session on the sink
     * @param relativePath the source file, relative to the base paths (not the manifest's path)
     * @return the manifest; empty when there is none, or what is there is not a manifest of this file
     * @throws IOException when the sink cannot be read (other than the file being absent)
     */
    public static Optional<SinkManifest> read(SftpSession dst, String relativePath) throws IOException {
        String at = dst.resolve(SinkManifest.pathFor(relativePath));
        byte[] bytes;
        try (InputStream in = dst.client().read(at)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (SftpException e) {
            if (SftpStatus.isMissing(e)) {
                return Optional.empty();
            }
            throw dst.failure("reading", at, e);
        } catch (IOException e) {
            throw dst.failure("reading", at, e);
        }
        if (bytes.length > MAX_BYTES) {
            log.warn("{} is larger than {} bytes: not read as a manifest", RelativePath.printable(at), MAX_BYTES);
            return Optional.empty();
        }
        try {
            SinkManifest manifest = SinkManifest.parse(bytes);
            return manifest.path().equals(relativePath) ? Optional.of(manifest) : Optional.empty();
        } catch (IllegalArgumentException e) {
            log.debug("{} is not a manifest: {}", RelativePath.printable(at), e.getMessage());
            return Optional.empty();
        }
    }
}
