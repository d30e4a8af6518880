package io.sftpsync.core.events;

/** Why the scanner decided a file must be copied to the sink. */
public enum SyncReason {
    /** No file of that path exists at the sink. */
    MISSING,
    /** The source's mtime is later than the sink's, beyond the configured clock-skew tolerance. */
    NEWER,
    /** The sizes differ (and the source is not newer). */
    SIZE_DIFFERS,
    /**
     * The sink's bytes differ from the source's though size and mtime agree: found by the integrity audit. The
     * transfer services copy such a file even though the sink looks up to date.
     */
    CONTENT_DIFFERS
}
