package io.sftpsync.large.copy.chunked;

import io.sftpsync.core.copy.SinkFsync;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;

/**
 * Makes what was written to one sink file durable without holding up the writers: a thread of its own asks the
 * sink for {@code fsync@openssh.com} on a handle of its own. fsync flushes the file, not the handle, so one call
 * covers every write the server acknowledged before it began, from any channel; requests that wait together
 * share one call. Where the server does not offer the extension, requests complete at once: the writes are as
 * durable as the server makes them.
 */
public final class DurableSync implements AutoCloseable {

    private final SftpPool sink;
    private final String file;
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private final Thread thread;
    private boolean closed;

    /**
     * Starts the syncing thread.
     *
     * @param sink         the sink
     * @param relativePath the file written to
     */
    public DurableSync(SftpPool sink, String relativePath) {
        this.sink = sink;
        this.file = RelativePath.check(relativePath);
        this.thread = Thread.ofPlatform().daemon(true).name("fsync-" + RelativePath.name(relativePath)).start(this::run);
    }

    /**
     * Asks for everything the sink acknowledged so far to be made durable.
     *
     * @return completes when it is, or exceptionally naming why not
     */
    public CompletableFuture<Void> request() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (waiting) {
            if (closed) {
                f.completeExceptionally(new IOException("sink sync of " + RelativePath.printable(file) + " closed"));
                return f;
            }
            waiting.add(f);
            waiting.notifyAll();
        }
        return f;
    }

    private void run() {
        while (true) {
            List<CompletableFuture<Void>> batch;
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
            }
            try {
                fsync();
                batch.forEach(f -> f.complete(null));
            } catch (IOException | RuntimeException e) {
                batch.forEach(f -> f.completeExceptionally(e));
            }
        }
    }

    private void fsync() throws IOException {
        sink.call(dst -> {
            if (!SinkFsync.offered(dst.client())) {
                return null;
            }
            String path = dst.resolve(file);
            try (CloseableHandle handle = dst.client().open(path, OpenMode.Write)) {
                SinkFsync.ifOffered(dst, handle, path);
            } catch (IOException e) {
                throw dst.failure("syncing", path, e);
            }
            return null;
        });
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
