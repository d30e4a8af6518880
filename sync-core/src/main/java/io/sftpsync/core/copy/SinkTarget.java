package io.sftpsync.core.copy;

import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.sftp.SftpSession;

/**
 * The sink's side of one write: the directory, the real name, and the temporary name it is written under.
 *
 * @param dir  absolute directory at the sink
 * @param path absolute real name
 * @param temp absolute temporary name, in the same directory
 */
public record SinkTarget(String dir, String path, String temp) {

    /** A target with a fresh temporary name ({@link TempNames#forName}). */
    public static SinkTarget of(SftpSession dst, String relativePath) {
        String dir = dst.resolve(RelativePath.parent(relativePath));
        String name = RelativePath.name(relativePath);
        return new SinkTarget(dir, RelativePath.resolve(dir, name), RelativePath.resolve(dir, TempNames.forName(name)));
    }

    /** A target whose temporary has a name of the caller's, e.g. a resumable transfer's. */
    public static SinkTarget of(SftpSession dst, String relativePath, String relativeTemporary) {
        return new SinkTarget(dst.resolve(RelativePath.parent(relativePath)), dst.resolve(relativePath),
                dst.resolve(relativeTemporary));
    }
}
