package io.sftpsync.large.copy;

/**
 * What one successful attempt of a large-file strategy did.
 *
 * @param bytesSent   bytes this attempt wrote to the sink
 * @param sha256      the content's digest: for chunked copies SHA-256 over the chunk digests (a hash list)
 * @param resumedFrom bytes the sink already had from an earlier attempt, not sent again
 * @param note        why an earlier attempt's work was dropped, or what the strategy wrote; null when nothing
 */
public record CopyOutcome(long bytesSent, String sha256, long resumedFrom, String note) {
}
