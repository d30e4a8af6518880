package io.sftpsync.large;

import io.sftpsync.boot.config.SshTuningProperties;

/**
 * Checks at start-up that the large copies fit the connection pools: every stream of every file copied at once
 * holds one source and one sink channel for as long as it copies a range, so a pool smaller than
 * concurrency × streams would leave configured streams waiting for channels.
 */
final class PoolFit {

    private PoolFit() {
    }

    /** @throws IllegalStateException naming the settings when they do not fit */
    static void check(LargeTransferProperties large, SshTuningProperties sftp) {
        long streams = (long) large.concurrency() * large.streams();
        long channels = (long) sftp.sessions() * sftp.channelsPerSession();
        if (streams > channels) {
            throw new IllegalStateException("sync.large.concurrency (" + large.concurrency() + ") × sync.large.streams ("
                    + large.streams() + ") = " + streams + " copy streams, each holding a source and a sink channel, "
                    + "do not fit the pools: sync.sftp.sessions (" + sftp.sessions() + ") × "
                    + "sync.sftp.channels-per-session (" + sftp.channelsPerSession() + ") = " + channels
                    + " channels per server. Lower sync.large.concurrency or sync.large.streams, or raise "
                    + "sync.sftp.sessions (or sync.sftp.channels-per-session, up to sync.sftp.server-max-sessions)");
        }
    }
}
