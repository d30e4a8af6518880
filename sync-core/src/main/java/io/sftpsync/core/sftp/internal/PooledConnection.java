package io.sftpsync.core.sftp.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.sshd.client.session.ClientSession;

/**
 * One SSH connection of a {@link DefaultSftpPool}, being opened or open, and how many channels it carries (borrowed
 * or idle).
 */
final class PooledConnection {

    final CompletableFuture<ClientSession> session = new CompletableFuture<>();
    /** Channels being opened, borrowed or idle on it. */
    int channels;
    /** Channels opened on it and not closed: what the server has allowed. */
    int open;

    boolean isDone() {
        return session.isDone();
    }

    /** Still connecting counts as alive; a failed connect does not. */
    boolean isAlive() {
        if (!session.isDone()) {
            return true;
        }
        ClientSession s = sessionOrNull();
        return s != null && s.isOpen() && !s.isClosing();
    }

    ClientSession sessionOrNull() {
        return session.isDone() && !session.isCompletedExceptionally() ? session.join() : null;
    }

    ClientSession await() throws IOException {
        try {
            return session.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an SSH connection");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    void close() {
        ClientSession s = sessionOrNull();
        if (s != null) {
            s.close(true);
        }
    }
}
