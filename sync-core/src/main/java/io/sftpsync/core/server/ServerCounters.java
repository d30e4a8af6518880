package io.sftpsync.core.server;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;

/** SSH sessions and channels open now and at most at once: what tests of pool limits look at. */
final class ServerCounters {

    private final AtomicInteger openChannels = new AtomicInteger();
    private final AtomicInteger maxOpenChannels = new AtomicInteger();
    private final AtomicInteger openSessions = new AtomicInteger();
    private final AtomicInteger maxOpenSessions = new AtomicInteger();

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
    }
}
