package io.sftpsync.core.copy;

import io.sftpsync.core.paths.RelativePath;
import java.io.IOException;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing remote handles whose outcome no longer matters. */
final class Handles {

    private static final Logger log = LoggerFactory.getLogger(Handles.class);

    private Handles() {
    }

    /** A handle of a copy already decided (or already failing): failing to close it changes nothing. */
    static void closeQuietly(CloseableHandle handle, String path) {
        try {
            handle.close();
        } catch (IOException e) {
            log.debug("closing {}: {}", RelativePath.printable(path), e.toString());
        }
    }
}
