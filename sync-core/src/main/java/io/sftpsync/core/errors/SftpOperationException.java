package io.sftpsync.core.errors;

import io.sftpsync.core.paths.RelativePath;
import java.io.IOException;

/**
 * An SFTP operation on one path failed; the message names the endpoint, the server's reason, the operation and
 * the path, e.g. "sink: Permission denied (SSH_FX_PERMISSION_DENIED) writing /base/a/b.txt".
 */
public final class SftpOperationException extends IOException {

    private final String endpointName;
    private final String operation;
    private final String path;

    /**
     * @param endpointName "source" or "sink"
     * @param operation    what was being done, e.g. "writing"
     * @param path         the absolute server path
     * @param cause        the failure; its reason goes into the message
     */
    public SftpOperationException(String endpointName, String operation, String path, IOException cause) {
        this(endpointName, operation, path, TransferErrors.reason(cause), cause);
    }

    /**
     * @param endpointName "source" or "sink"
     * @param operation    what was being done
     * @param path         the absolute server path
     * @param reason       why it failed
     * @param cause        the underlying failure, or null
     */
    public SftpOperationException(String endpointName, String operation, String path, String reason,
            Throwable cause) {
        super(endpointName + ": " + reason + " " + operation + " " + RelativePath.printable(path), cause);
        this.endpointName = endpointName;
        this.operation = operation;
        this.path = path;
    }

    /** "source" or "sink". */
    public String endpointName() {
        return endpointName;
    }

    /** What was being done, e.g. "writing". */
    public String operation() {
        return operation;
    }

    /** The absolute server path. */
    public String path() {
        return path;
    }
}
