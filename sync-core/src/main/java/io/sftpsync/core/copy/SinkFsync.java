package io.sftpsync.core.copy;

import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import org.apache.sshd.sftp.client.SftpClient.Handle;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;

/**
 * fsync@openssh.com, SFTP's one way to ask that written bytes be on the sink's disk rather than in its page cache,
 * where the server offers it. Every copy that makes a file durable before it is reported asks through here.
 */
public final class SinkFsync {

    /** The extension's name, as servers announce it. */
    public static final String EXTENSION = "fsync@openssh.com";

    private SinkFsync() {
    }

    /** Whether the server of this channel announced the extension. */
    public static boolean offered(SftpClient client) {
        OpenSSHFsyncExtension fsync = client.getExtension(OpenSSHFsyncExtension.class);
        return fsync != null && fsync.isSupported();
    }

    /**
     * Makes the file behind an open handle durable, if the server offers the extension: fsync flushes the file,
     * so every write the server acknowledged before, on any channel, is covered.
     *
     * @param dst    the sink's channel the handle belongs to
     * @param handle a handle of the file, open for writing
     * @param path   the file's absolute path, for the failure's message
     * @return whether the server fsynced it; false when it does not offer the extension
     * @throws IOException naming the sink, "syncing" and the path when the server refuses
     */
    public static boolean ifOffered(SftpSession dst, Handle handle, String path) throws IOException {
        if (!offered(dst.client())) {
            return false;
        }
        try {
            dst.client().getExtension(OpenSSHFsyncExtension.class).fsync(handle);
        } catch (IOException e) {
            throw dst.failure("syncing", path, e);
        }
        return true;
    }
}
