package io.sftpsync.anomaly.detect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIZE_MISMATCH and CHECKSUM_MISMATCH from a transfer result's error text: the transfer services report a failed
 * verification only as text ({@code VerificationFailedException: ...}), in the forms their verifiers write:
 * <ul>
 *   <li>{@code sink SHA-256 <hex> differs from the streamed <hex>} (transfer-service, CHECKSUM mode)</li>
 *   <li>{@code checksum mismatch at the sink in chunk(s) [..]} (large-transfer-service)</li>
 *   <li>{@code sink has N bytes, mtime ..; expected M bytes, mtime ..} (transfer-service, SIZE mode; a finding
 *       only when N ≠ M)</li>
 *   <li>{@code the sink's temporary file has N bytes, expected M} (large-transfer-service)</li>
 * </ul>
 * and, for other writers, any text saying a checksum (or hash, digest) mismatched, differs or did not match. Each
 * is CRITICAL with score 1, as {@link VerificationDetector}'s.
 */
public final class VerificationText {

    private static final Pattern SHA = Pattern.compile("sink SHA-256 (\\S+) differs from the streamed (\\S+)");
    private static final Pattern SIZE = Pattern.compile(
            "(?:sink has|the sink's temporary file has) (-?\\d+) bytes.*?expected (\\d+)");
    private static final Pattern CHECKSUM = Pattern.compile(
            "(checksum|sha-?256|hash|digest).{0,80}?(mismatch|differ|did not match|does not match|doesn't match)"
                    + "|(mismatch).{0,20}?(checksum|sha-?256|hash|digest)", Pattern.CASE_INSENSITIVE);

    private final VerificationDetector hashes = new VerificationDetector();

    /**
     * @param error the result's error or note, or null
     * @param by    what measured it, for the sentence
     * @return the mismatches the text reports, none when it reports none
     */
    public List<Finding> detect(String error, String by) {
        if (error == null || error.isBlank()) {
            return List.of();
        }
        Matcher sha = SHA.matcher(error);
        if (sha.find()) {
            String sink = sha.group(1);
            String source = sha.group(2).replaceAll("[.;,]+$", "");
            return List.of(Finding.of(AnomalyType.CHECKSUM_MISMATCH, Severity.CRITICAL, 1,
                    "the sink's SHA-256 " + abbreviate(sink) + " differs from the source's " + abbreviate(source)
                            + ", found by " + by));
        }
        Matcher size = SIZE.matcher(error);
        if (size.find()) {
            long sink = Long.parseLong(size.group(1));
            long source = Long.parseLong(size.group(2));
            return sink < 0 ? List.of(mismatch(AnomalyType.SIZE_MISMATCH, error, by))
                    : hashes.detect(source, sink, null, null, by);
        }
        if (CHECKSUM.matcher(error).find()) {
            return List.of(mismatch(AnomalyType.CHECKSUM_MISMATCH, error, by));
        }
        return List.of();
    }

    private static Finding mismatch(AnomalyType type, String error, String by) {
        String what = type == AnomalyType.CHECKSUM_MISMATCH ? "the sink's content differs from the source's"
                : "the sink's size differs from the source's";
        return Finding.of(type, Severity.CRITICAL, 1, what + ", found by " + by + ": " + error.strip());
    }

    private static String abbreviate(String hex) {
        String h = hex.strip().toLowerCase(Locale.ROOT);
        return h.length() > 12 ? h.substring(0, 12) + "…" : h;
    }
}
