package io.sftpsync.core.sftp.internal;

import io.sftpsync.core.sftp.SftpEndpoint;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

/** The channels a pool may have in use at once: a fair semaphore whose count drops when the server's limits do. */
final class Permits extends Semaphore {

    Permits(int permits) {
        super(permits, true);
    }

    /** Waits for a permit. */
    void take(SftpEndpoint endpoint) throws InterruptedIOException {
        try {
            acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an SFTP channel to " + endpoint.describe());
        }
    }

    /** Fewer permits from now on: those in use now come back to a smaller count. */
    void reduce(int by) {
        if (by > 0) {
            reducePermits(by);
        }
    }
}
