package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SLOW_TRANSFER, STALLED_TRANSFER, SIZE_MISMATCH, CHECKSUM_MISMATCH and INTERRUPTED. */
class TransferDetectorsTest {

    static final long MIB = 1L << 20;
    /** Ten LARGE transfers at 100 MiB/s. */
    static final List<Double> TEN_AT_100 = Collections.nCopies(10, 100.0 * MIB);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // case,                           MiB,  seconds, samples, severity
            "as fast as usual,                 1000, 10,      10,      -",
            "a fifth of usual: the limit,      1000, 50,      10,      -",
            "a tenth of usual,                 1000, 100,     10,      WARNING",
            "a hundredth of usual,             1000, 1000,    10,      CRITICAL",
            "too few samples,                  1000, 1000,    9,       -",
            "nothing sent (skipped),           0,    1000,    10,      -",
            "a short one measures latency,     1,    9,       10,      -",
    })
    void slowTransfer(String name, long mib, long seconds, int samples, Severity severity) {
        SlowTransferDetector detector = new SlowTransferDetector(0.2, 10, Duration.ofSeconds(10));
        Optional<Finding> found = detector.detect(mib * MIB, Duration.ofSeconds(seconds), "LARGE",
                TEN_AT_100.subList(0, samples));
        if (severity == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).get().extracting(Finding::type, Finding::severity)
                    .containsExactly(AnomalyType.SLOW_TRANSFER, severity);
        }
    }

    @Test
    void slowTransferSentence() {
        assertThat(new SlowTransferDetector(0.2, 10, Duration.ofSeconds(10)).detect(1000 * MIB, Duration.ofSeconds(100), "LARGE", TEN_AT_100)
                .orElseThrow().message()).isEqualTo("10 MiB/s (1000 MiB in 1 min 40s) is 0.1× the median 100 MiB/s "
                        + "of the last 10 LARGE transfers (limit 0.2×)");
    }

    static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");

    @ParameterizedTest(name = "active {0}, last progress {1} min ago")
    @CsvSource(nullValues = "-", value = {
            "true,  5,   -",
            "true,  10,  -",
            "true,  11,  WARNING",
            "true,  59,  WARNING",
            "true,  60,  CRITICAL",
            // A transfer with a result is not stalled, however long ago its last progress was.
            "false, 120, -",
    })
    void stalledTransfer(boolean active, long minutesAgo, Severity severity) {
        Optional<Finding> found = new StalledTransferDetector(Duration.ofMinutes(10))
                .detect(active, NOW.minusSeconds(minutesAgo * 60), 1200 * MIB, 5 * 1024 * MIB, NOW);
        if (severity == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).get().extracting(Finding::type, Finding::severity)
                    .containsExactly(AnomalyType.STALLED_TRANSFER, severity);
        }
    }

    @Test
    void stalledTransferSentence() {
        assertThat(new StalledTransferDetector(Duration.ofMinutes(10))
                .detect(true, NOW.minusSeconds(14 * 60), 1200 * MIB, 5 * 1024 * MIB, NOW).orElseThrow().message())
                .isEqualTo("no progress for 14 min (since 2026-12-03T06:46:00Z, limit 10 min) at 1.2 GiB of 5 GiB");
    }

    static final String A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String B = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "identical,                    100, 100, " + A + ", " + A + ", ''",
            "hash in other case,           100, 100, " + A + ", " + "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08" + ", ''",
            "same length other bytes,      100, 100, " + A + ", " + B + ", CHECKSUM_MISMATCH",
            "short,                        100, 60,  -,  -,  SIZE_MISMATCH",
            "short and other bytes,        100, 60,  " + A + ", " + B + ", SIZE_MISMATCH CHECKSUM_MISMATCH",
            "sink size not measured,       100, -,   " + A + ", -, ''",
    })
    void verification(String name, long sourceSize, Long sinkSize, String sourceSha, String sinkSha, String types) {
        List<Finding> found = new VerificationDetector().detect(sourceSize, sinkSize, sourceSha, sinkSha,
                "the integrity audit");
        assertThat(found).extracting(f -> f.type().name()).containsExactlyElementsOf(
                types.isBlank() ? List.of() : List.of(types.split(" ")));
        assertThat(found).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.score()).isEqualTo(1.0);
        });
    }

    @Test
    void verificationSentences() {
        assertThat(new VerificationDetector().detect(100, 60L, A, B, "the transfer's verification"))
                .extracting(Finding::message).containsExactly(
                        "the sink has 60 bytes where the source has 100 (short by 40 B), found by the transfer's "
                                + "verification",
                        "the sink's SHA-256 60303ae22b99… differs from the source's 9f86d081884c… at 100 B, found "
                                + "by the transfer's verification");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // case,                          failed, attempts, resumedFrom, earlier failures, severity, message
            "first-try success,               false,  1,        0,           0,  -,        -",
            "retried success,                 false,  3,        0,           0,  INFO,     completed after 3 attempts",
            "resumed success,                 false,  2,        1073741824,  0,  INFO,     completed by resuming from 1 GiB after an interrupted attempt (2 attempts)",
            "a failure,                       true,   3,        0,           0,  WARNING,  failed after 3 attempts: Connection reset",
            "the second failure of the path,  true,   3,        0,           1,  WARNING,  failed for the 2nd time after 3 attempts: Connection reset",
            "the third: repeated,             true,   3,        0,           2,  CRITICAL, failed for the 3rd time after 3 attempts: Connection reset",
            "the eleventh,                    true,   1,        0,           10, CRITICAL, failed for the 11th time after 1 attempt: Connection reset",
    })
    void interrupted(String name, boolean failed, int attempts, long resumedFrom, int earlierFailures, Severity severity,
            String message) {
        Optional<Finding> found = new InterruptedDetector(3).detect(failed, attempts, resumedFrom,
                failed ? "Connection reset" : null, earlierFailures);
        if (severity == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).get().extracting(Finding::type, Finding::severity, Finding::message)
                    .containsExactly(AnomalyType.INTERRUPTED, severity, message);
        }
    }
}
