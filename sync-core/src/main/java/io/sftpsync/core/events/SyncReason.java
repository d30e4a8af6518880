package io.sftpsync.core.events;

/** Why the scanner decided a file must be copied to the sink. */
public enum SyncReason {
    /** No file of that path exists at the sink. */
    MISSING,
    /** The source's mtime is later than the sink's, beyond the configured clock-skew tolerance. */
    NEWER,
    /** The sizes differ (and the source is not newer). */
    SIZE_DIFFERS
}
