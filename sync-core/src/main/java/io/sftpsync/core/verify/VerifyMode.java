package io.sftpsync.core.verify;

/** How a finished copy is checked. */
public enum VerifyMode {
    /** Stat the sink: size and mtime must equal the source's. */
    SIZE,
    /** Re-read the sink and compare its SHA-256 with the digest computed while streaming. */
    CHECKSUM,
    /** Trust the copy. */
    NONE
}
