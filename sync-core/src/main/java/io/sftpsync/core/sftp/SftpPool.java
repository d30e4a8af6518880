package io.sftpsync.core.sftp;

import java.io.IOException;

/**
 * A bounded pool of SFTP channels to one endpoint, shared by many threads: up to
 * {@link SftpTuning#sessions()} SSH connections with up to {@link SftpTuning#channelsPerSession()} channels
 * each, opened on demand and reopened after a dropped connection.
 */
public interface SftpPool extends AutoCloseable {

    /**
     * Borrows a channel, waiting fairly while all are busy, and runs the work with it. A channel whose
     * connection broke is discarded instead of being returned, so the next call reconnects.
     *
     * @param work what to do with the channel
     * @param <T>  the result
     * @return what the work returned
     * @throws IOException what the work threw, or why no channel could be opened (connect, host key, login)
     */
    <T> T call(SftpWork<T> work) throws IOException;

    /** The server, account and configured base path. */
    SftpEndpoint endpoint();

    /**
     * The base path as an absolute path on the server, canonicalised once; a base path that does not exist yet
     * is the configured one joined to the login directory. Connects if nothing has yet.
     *
     * @return the absolute base path
     * @throws java.io.UncheckedIOException when the server cannot be reached
     */
    String basePath();

    /**
     * Bytes per SFTP read or write request: {@link SftpTuning#bufferSize()} within the limits the server
     * announces (limits@openssh.com). Before the first connection it is the configured size.
     *
     * @return the request size
     */
    int bufferSize();

    /**
     * Connections and channels per connection this pool uses at most now: the tuning's, lowered to what the server
     * has shown it allows.
     */
    Limits limits();

    /**
     * @param connections           SSH connections at most
     * @param channelsPerConnection SFTP channels on each at most
     */
    record Limits(int connections, int channelsPerConnection) {
    }

    /** Closes all connections; calls in flight fail, later calls are refused. */
    @Override
    void close();
}
