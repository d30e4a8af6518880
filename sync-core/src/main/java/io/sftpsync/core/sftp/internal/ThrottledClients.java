package io.sftpsync.core.sftp.internal;

import io.sftpsync.core.bandwidth.Throttle;
import java.io.IOException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.apache.sshd.sftp.client.SftpErrorDataHandler;
import org.apache.sshd.sftp.client.SftpMessage;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.apache.sshd.sftp.client.impl.DefaultSftpClient;
import org.apache.sshd.sftp.client.impl.DefaultSftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;

/**
 * SFTP clients whose every read and write request pays the server's {@link Throttle} before it is sent: a write
 * for the data it carries, a read for the bytes it asks for. Every copy path (pipelined streams, the small
 * files' raw requests, the large transfer's ranges, re-reads and audits) sends its requests through here, on the
 * thread that wants the bytes, so the wait never blocks MINA's I/O threads.
 */
final class ThrottledClients extends DefaultSftpClientFactory {

    private final Throttle throttle;

    ThrottledClients(Throttle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected DefaultSftpClient createDefaultSftpClient(ClientSession session, SftpVersionSelector selector,
            SftpErrorDataHandler errors) throws IOException {
        return new ThrottledClient(session, selector, errors, throttle);
    }

    private static final class ThrottledClient extends DefaultSftpClient {

        /** Null while the superclass constructor sends the version exchange, which moves no file data. */
        private final Throttle throttle;

        ThrottledClient(ClientSession session, SftpVersionSelector selector, SftpErrorDataHandler errors,
                Throttle throttle) throws IOException {
            super(session, selector, errors);
            this.throttle = throttle;
        }

        @Override
        public SftpMessage write(int cmd, Buffer buffer) throws IOException {
            if (throttle != null) {
                if (cmd == SftpConstants.SSH_FXP_WRITE) {
                    throttle.acquire(buffer.available(), "write");
                } else if (cmd == SftpConstants.SSH_FXP_READ && buffer.available() >= 4) {
                    // READ is handle, offset, then the length asked for as the last uint32.
                    throttle.acquire(BufferUtils.getUInt(buffer.array(), buffer.wpos() - 4, 4), "read");
                }
            }
            return super.write(cmd, buffer);
        }
    }
}
