package io.sftpsync.core.errors;

import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** What a server's status code says. */
public final class SftpStatus {

    private SftpStatus() {
    }

    /** The server said nothing is at the path (no such file, or no such path). */
    public static boolean isMissing(SftpException e) {
        return e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH;
    }
}
