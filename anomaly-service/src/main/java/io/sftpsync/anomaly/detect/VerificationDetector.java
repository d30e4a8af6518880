package io.sftpsync.anomaly.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SIZE_MISMATCH and CHECKSUM_MISMATCH: the sink's copy differs from the source's, as a transfer's verification or an
 * integrity audit measured it. Each is CRITICAL with score 1: the sink holds other bytes than the source, and a
 * later sync (queued by the consumer) must restore them. A hash that was not measured (null) is not compared; a
 * size mismatch also reports a checksum mismatch only when both hashes were measured.
 */
public final class VerificationDetector {

    /**
     * @param sourceSize   the source's size
     * @param sinkSize     the sink's size, or null when not measured
     * @param sourceSha256 the source's hex SHA-256 (or hash list for chunked copies), or null
     * @param sinkSha256   the sink's, the same way, or null
     * @param by           what measured it, for the sentence: "the transfer's verification", "the integrity audit"
     * @return the mismatches, none when the copy matches
     */
    public List<Finding> detect(long sourceSize, Long sinkSize, String sourceSha256, String sinkSha256, String by) {
        List<Finding> found = new ArrayList<>(2);
        if (sinkSize != null && sinkSize != sourceSize) {
            found.add(Finding.of(AnomalyType.SIZE_MISMATCH, Severity.CRITICAL, 1,
                    "the sink has " + sinkSize + " bytes where the source has " + sourceSize + " ("
                            + (sinkSize < sourceSize ? "short by " + Words.bytes(sourceSize - sinkSize)
                                    : "long by " + Words.bytes(sinkSize - sourceSize)) + "), found by " + by));
        }
        if (sourceSha256 != null && sinkSha256 != null
                && !sourceSha256.strip().toLowerCase(Locale.ROOT).equals(sinkSha256.strip().toLowerCase(Locale.ROOT))) {
            found.add(Finding.of(AnomalyType.CHECKSUM_MISMATCH, Severity.CRITICAL, 1,
                    "the sink's SHA-256 " + abbreviate(sinkSha256) + " differs from the source's "
                            + abbreviate(sourceSha256) + " at " + Words.bytes(sourceSize) + ", found by " + by));
        }
        return List.copyOf(found);
    }

    private static String abbreviate(String hex) {
        String h = hex.strip().toLowerCase(Locale.ROOT);
        return h.length() > 12 ? h.substring(0, 12) + "…" : h;
    }
}
