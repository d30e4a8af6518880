package io.sftpsync.core.sftp;

import io.sftpsync.core.errors.SftpStatus;
import java.io.IOException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHLimitsExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHLimitsExtensionInfo;
import org.apache.sshd.sftp.common.SftpException;

/**
 * What a pool learns once from the server: the absolute base path and how large read and write requests may be.
 *
 * @param basePath  the base path, absolute
 * @param readSize  bytes per read request
 * @param writeSize bytes per write request
 */
public record ServerProfile(String basePath, int readSize, int writeSize) {

    /** SFTP header of a read response: length, type, id, data length. */
    private static final int READ_HEADER = 13;
    /** SFTP header of a write request: length, type, id, handle (at most 256 bytes), offset, data length. */
    private static final int WRITE_HEADER = 4 + 1 + 4 + 4 + 256 + 8 + 4;

    /**
     * Asks the server on a fresh channel.
     *
     * @throws IOException when the server refuses realpath of its login directory or the limits request
     */
    public static ServerProfile learn(SftpClient client, SftpEndpoint endpoint, SftpTuning tuning) throws IOException {
        String base = absoluteBase(client, endpoint.basePath());
        int read = tuning.bufferSize();
        int write = tuning.bufferSize();
        OpenSSHLimitsExtension limits = client.getExtension(OpenSSHLimitsExtension.class);
        if (limits != null && limits.isSupported()) {
            OpenSSHLimitsExtensionInfo info = limits.limits();
            read = within(read, info.maxReadLength, info.maxPacketLength - READ_HEADER);
            write = within(write, info.maxWriteLength, info.maxPacketLength - WRITE_HEADER);
        }
        return new ServerProfile(base, read, write);
    }

    private static String absoluteBase(SftpClient client, String configured) throws IOException {
        try {
            return client.canonicalPath(configured);
        } catch (SftpException e) {
            if (!SftpStatus.isMissing(e)) {
                throw e;
            }
        }
        // OpenSSH's realpath fails for a path that does not exist, which a sink's base path may not yet.
        String joined = configured.startsWith("/") ? configured : join(client.canonicalPath("."), configured);
        return trimSlashes(joined);
    }

    private static String join(String dir, String relative) {
        String rel = relative.startsWith("./") ? relative.substring(2) : relative;
        return dir.endsWith("/") ? dir + rel : dir + "/" + rel;
    }

    private static String trimSlashes(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /**
     * The wanted size within the server's limit for this kind of request; only when the server gives none (0),
     * within what fits its packet limit.
     */
    private static int within(int wanted, long maxLength, long fitsInPacket) {
        long size = wanted;
        if (maxLength > 0) {
            size = Math.min(size, maxLength);
        } else if (fitsInPacket > 0) {
            size = Math.min(size, fitsInPacket);
        }
        return (int) Math.max(size, SftpClient.MIN_WRITE_BUFFER_SIZE);
    }
}
