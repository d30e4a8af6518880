package io.sftpsync.core.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * SSH sessions and channels open now and at most at once, and file bytes read: what tests of pool limits and of
 * re-reads look at.
 */
final class ServerCounters {

    private final AtomicInteger openChannels = new AtomicInteger();
    private final AtomicInteger maxOpenChannels = new AtomicInteger();
    private final AtomicInteger openSessions = new AtomicInteger();
    private final AtomicInteger maxOpenSessions = new AtomicInteger();
    private final AtomicLong bytesRead = new AtomicLong();

    void attach(SshServer sshd) {
        sshd.addChannelListener(new ChannelListener() {
            @Override
            public void channelOpenSuccess(Channel channel) {
                maxOpenChannels.accumulateAndGet(openChannels.incrementAndGet(), Math::max);
            }

            @Override
            public void channelClosed(Channel channel, Throwable reason) {
                openChannels.decrementAndGet();
            }
        });
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                maxOpenSessions.accumulateAndGet(openSessions.incrementAndGet(), Math::max);
            }

            @Override
            public void sessionClosed(Session session) {
                openSessions.decrementAndGet();
            }
        });
    }

    void attach(SftpSubsystemFactory sftp) {
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void read(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                    byte[] data, int dataOffset, int dataLen, int readLen, Throwable thrown) {
                if (readLen > 0) {
                    bytesRead.addAndGet(readLen);
                }
            }
        });
    }

    long bytesRead() {
        return bytesRead.get();
    }

    int openChannels() {
        return openChannels.get();
    }

    int maxOpenChannels() {
        return maxOpenChannels.get();
    }

    int maxOpenSessions() {
        return maxOpenSessions.get();
    }

    void reset() {
        maxOpenChannels.set(openChannels.get());
        maxOpenSessions.set(openSessions.get());
        bytesRead.set(0);
    }
}
