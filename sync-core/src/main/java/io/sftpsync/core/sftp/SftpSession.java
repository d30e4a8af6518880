package io.sftpsync.core.sftp;

import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.paths.RelativePath;
import java.io.IOException;
import java.util.Set;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClient;

/** One borrowed SFTP channel with what its pool knows about the server: base path and request sizes. */
public final class SftpSession {

    private final SftpClient client;
    private final String endpointName;
    private final ServerProfile profile;
    private final Set<String> knownDirectories;

    public SftpSession(SftpClient client, String endpointName, ServerProfile profile, Set<String> knownDirectories) {
        this.client = client;
        this.endpointName = endpointName;
        this.profile = profile;
        this.knownDirectories = knownDirectories;
    }

    /** The MINA SFTP client of the channel; valid only while the work runs. */
    public SftpClient client() {
        return client;
    }

    /** "source" or "sink", for messages. */
    public String endpointName() {
        return endpointName;
    }

    /** The absolute base path on the server. */
    public String basePath() {
        return profile.basePath();
    }

    /**
     * The absolute server path of a relative path.
     *
     * @param relativePath a path checked by {@link RelativePath#check}, or "" for the base path itself
     * @return the absolute path
     */
    public String resolve(String relativePath) {
        if (relativePath.isEmpty()) {
            return profile.basePath();
        }
        return profile.basePath().equals("/") ? "/" + relativePath : profile.basePath() + "/" + relativePath;
    }

    /** Bytes per read request. */
    public int readSize() {
        return profile.readSize();
    }

    /** Bytes per write request. */
    public int writeSize() {
        return profile.writeSize();
    }

    /**
     * Wraps a failure with this endpoint's name, the operation and the server path.
     *
     * @param operation what was being done, e.g. "writing"
     * @param path      the absolute server path
     * @param cause     the failure
     * @return the exception to throw; {@link SourceChangedException} and already wrapped failures unchanged
     */
    public IOException failure(String operation, String path, IOException cause) {
        if (cause instanceof SourceChangedException || cause instanceof SftpOperationException) {
            return cause;
        }
        return new SftpOperationException(endpointName, operation, path, cause);
    }

    /**
     * Opens a remote file.
     *
     * @param path  the absolute server path
     * @param modes how, e.g. {@code OpenMode.Read}
     * @return the open handle, for the caller to close
     * @throws IOException naming this endpoint, "opening" and the path
     */
    public CloseableHandle open(String path, OpenMode... modes) throws IOException {
        try {
            return client.open(path, modes);
        } catch (IOException e) {
            throw failure("opening", path, e);
        }
    }

    /** Absolute directories known to exist on this server, shared by the pool's channels. */
    public Set<String> knownDirectories() {
        return knownDirectories;
    }
}
