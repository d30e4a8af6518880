package io.sftpsync.core.copy;

import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import java.io.IOException;
import java.util.List;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removing what a copy left at the sink: temporaries given up, copies that failed verification. */
public final class SinkCleanup {

    private static final Logger log = LoggerFactory.getLogger(SinkCleanup.class);

    private SinkCleanup() {
    }

    /**
     * Removes a file if it is there, logging instead of failing.
     *
     * @param pool         the server
     * @param relativePath the file, relative to the pool's base path
     * @return true when the file is gone
     */
    public static boolean removeQuietly(SftpPool pool, String relativePath) {
        return removeQuietly(pool, List.of(RelativePath.resolve(pool.basePath(), RelativePath.check(relativePath))));
    }

    /**
     * Removes files in one borrow; what cannot be removed is logged, not thrown. A channel of a connection that
     * just broke may still be idle in the pool: one more borrow, on a connection that works, is tried before
     * giving up.
     *
     * @param paths absolute paths
     * @return true when all of them are gone
     */
    static boolean removeQuietly(SftpPool sink, List<String> paths) {
        if (paths.isEmpty()) {
            return true;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                sink.call(s -> {
                    for (String path : paths) {
                        removeIfPresent(s.client(), path);
                    }
                    return null;
                });
                return true;
            } catch (IOException | RuntimeException e) {
                if (attempt < 3 && TransferErrors.isTransient(e)) {
                    continue;
                }
                log.warn("could not remove {} from the sink: {}", paths.stream().map(RelativePath::printable).toList(),
                        TransferErrors.describe(e));
                return false;
            }
        }
    }

    /** Removes a file; one that is not there counts as removed. */
    public static void removeIfPresent(SftpClient client, String path) throws IOException {
        try {
            client.remove(path);
        } catch (SftpException e) {
            if (!SftpStatus.isMissing(e)) {
                throw e;
            }
        }
    }
}
