package io.sftpsync.anomaly.detect;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * CHECKSUM_MISMATCH from the integrity audit: a pair that looked identical by size and mtime whose bytes differ.
 * CRITICAL with score 1, as the sink holds other bytes than the source; the audit has already queued the file for
 * re-sync. One per path, source version and sink hash ({@link #key}): a redelivered verdict, or a second audit
 * before the re-sync, finds the same bad bytes and raises nothing new; other bad bytes later do.
 */
public final class AuditDetector {

    /**
     * @param matched      whether the audit found the two hashes equal
     * @param size         the size both sides have
     * @param mtime        the mtime both sides have
     * @param sourceSha256 the source's hex SHA-256
     * @param sinkSha256   the sink's hex SHA-256
     * @return the finding, empty when the bytes match
     */
    public Optional<Finding> detect(boolean matched, long size, Instant mtime, String sourceSha256,
            String sinkSha256) {
        if (matched) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(AnomalyType.CHECKSUM_MISMATCH, Severity.CRITICAL, 1,
                "sink bytes differ from the source's: SHA-256 " + abbreviate(sinkSha256) + " at the sink, "
                        + abbreviate(sourceSha256) + " at the source, same size " + Words.bytes(size)
                        + " and mtime " + mtime + "; found by the integrity audit and queued for re-sync"));
    }

    /** The dedupe key: the path, its version (size and mtime) and the sink's hash. */
    public static Dedupe key(String path, long size, Instant mtime, String sinkSha256) {
        Dedupe version = Dedupe.ofFile(path, AnomalyType.CHECKSUM_MISMATCH, size, mtime);
        return new Dedupe(version.subject(), version.type(),
                version.occurrence() + "/" + sinkSha256.strip().toLowerCase(Locale.ROOT));
    }

    private static String abbreviate(String hex) {
        String h = hex.strip().toLowerCase(Locale.ROOT);
        return h.length() > 12 ? h.substring(0, 12) + "…" : h;
    }
}
