package io.sftpsync.core.sftp.internal;

import io.sftpsync.core.sftp.SftpSession;
import org.apache.sshd.sftp.client.SftpClient;

/** A channel with its connection and the session object handed to work. */
record PooledChannel(PooledConnection connection, SftpClient client, SftpSession session) {
    boolean isAlive() {
        return client.isOpen() && !client.isClosing() && connection.isAlive();
    }
}
