package io.sftpsync.core.sftp;

import java.io.IOException;

/**
 * Work done with one borrowed SFTP channel.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface SftpWork<T> {

    /**
     * Runs with the channel; the channel goes back to the pool afterwards and must not be kept.
     *
     * @param session the borrowed channel
     * @return the result
     * @throws IOException when the server refuses or the connection fails
     */
    T run(SftpSession session) throws IOException;
}
