package io.sftpsync.boot.replay;

/** Headers of a replayed record: where it was read from and who replayed it (values are UTF-8 text). */
public final class ReplayHeaders {

    public static final String ORIGIN_TOPIC = "sftp-sync-replay-origin-topic";
    public static final String ORIGIN_PARTITION = "sftp-sync-replay-origin-partition";
    public static final String ORIGIN_OFFSET = "sftp-sync-replay-origin-offset";
    public static final String REPLAYED_BY = "sftp-sync-replay-replayed-by";

    private ReplayHeaders() {
    }
}
