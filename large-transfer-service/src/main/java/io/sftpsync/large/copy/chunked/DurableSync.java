package io.sftpsync.large.copy.chunked;

import io.sftpsync.core.copy.SinkFsync;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;

/**
 * Makes what was written to one sink file durable without holding up the writers: a thread of its own sends
 * {@code fsync@openssh.com} on the channel and handle of a writer that asked (SFTP channels take requests from
 * several threads), never on a channel borrowed for it: a writer holding a channel while its sync waited for
 * another one from the same pool could block every writer. fsync flushes the file, not the handle, so one call
 * covers every write the server acknowledged before it began, from any channel; requests that wait together
 * share one call. A writer {@link #withdraw withdraws} its handle before closing it. Where the server does not
 * offer the extension, requests complete at once: the writes are as durable as the server makes them.
 */
public final class DurableSync implements AutoCloseable {

    private final String file;
    private final List<Request> waiting = new ArrayList<>();
    private final Thread thread;
    /** The handle the thread is syncing on, while it does. */
    private CloseableHandle syncing;
    private boolean closed;

    /**
     * Starts the syncing thread.
     *
     * @param relativePath the file written to
     */
    public DurableSync(String relativePath) {
        this.file = RelativePath.check(relativePath);
        this.thread = Thread.ofPlatform().daemon(true).name("fsync-" + RelativePath.name(relativePath)).start(this::run);
    }

    private record Request(CompletableFuture<Void> done, SftpSession session, CloseableHandle handle) {
    }

    /**
     * Asks for everything the sink acknowledged so far to be made durable, on the writer's own channel.
     *
     * @param session the writer's channel to the sink
     * @param handle  the writer's open handle of the file; kept open until the request completes or is withdrawn
     * @return completes when it is, or exceptionally naming why not
     */
    public CompletableFuture<Void> request(SftpSession session, CloseableHandle handle) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (waiting) {
            if (closed) {
                f.completeExceptionally(new IOException("sink sync of " + RelativePath.printable(file) + " closed"));
                return f;
            }
            waiting.add(new Request(f, session, handle));
            waiting.notifyAll();
        }
        return f;
    }

    /**
     * Drops a writer's requests not yet being served and waits while its handle is in use, so the writer may close
     * it (a writer that stops early).
     */
    public void withdraw(CloseableHandle handle) {
        synchronized (waiting) {
            waiting.removeIf(r -> r.handle() == handle && r.done().completeExceptionally(
                    new IOException("sink sync of " + RelativePath.printable(file) + " withdrawn")));
            boolean interrupted = false;
            while (syncing == handle) {
                try {
                    waiting.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (true) {
            List<Request> batch;
            Request on;
            synchronized (waiting) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        waiting.wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (closed && waiting.isEmpty()) {
                    return;
                }
                batch = List.copyOf(waiting);
                waiting.clear();
                on = batch.get(batch.size() - 1);
                syncing = on.handle();
            }
            try {
                fsync(on.session(), on.handle());
                batch.forEach(r -> r.done().complete(null));
            } catch (IOException | RuntimeException e) {
                batch.forEach(r -> r.done().completeExceptionally(e));
            } finally {
                synchronized (waiting) {
                    syncing = null;
                    waiting.notifyAll();
                }
            }
        }
    }

    private void fsync(SftpSession dst, CloseableHandle handle) throws IOException {
        String path = dst.resolve(file);
        try {
            SinkFsync.ifOffered(dst, handle, path);
        } catch (IOException e) {
            throw dst.failure("syncing", path, e);
        }
    }

    /** Stops the thread once the requests already made are served. */
    @Override
    public void close() {
        synchronized (waiting) {
            closed = true;
            waiting.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
