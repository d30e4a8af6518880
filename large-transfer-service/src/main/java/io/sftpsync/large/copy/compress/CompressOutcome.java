package io.sftpsync.large.copy.compress;

/**
 * What a finished {@link CompressCopy} wrote.
 *
 * @param bytes           bytes of the original content
 * @param sha256          hex SHA-256 of the original content
 * @param compressedBytes size of the gzip file at the sink
 * @param target          relative path of the gzip file, {@code <name>.gz}
 */
public record CompressOutcome(long bytes, String sha256, long compressedBytes, String target) {
}
