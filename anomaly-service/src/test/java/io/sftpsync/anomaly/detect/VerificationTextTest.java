package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verification failures the transfer services write, read back as mismatches. */
class VerificationTextTest {

    private final VerificationText text = new VerificationText();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # transfer-service, CHECKSUM mode
            VerificationFailedException: sink SHA-256 9f86d081884c7d65 differs from the streamed 2c26b46b68ffc68f | CHECKSUM_MISMATCH
            # large-transfer-service, chunked
            VerificationFailedException: checksum mismatch at the sink in chunk(s) [2, 7]; they are copied again | CHECKSUM_MISMATCH
            # transfer-service, SIZE mode: other size
            VerificationFailedException: sink has 10 bytes, mtime 2026-01-01T00:00:00Z; expected 12 bytes, mtime 2026-01-01T00:00:00Z | SIZE_MISMATCH
            # transfer-service, SIZE mode: same size, other mtime: not a size mismatch
            VerificationFailedException: sink has 12 bytes, mtime none; expected 12 bytes, mtime 2026-01-01T00:00:00Z | null
            # large-transfer-service, length
            VerificationFailedException: the sink's temporary file has 4096 bytes, expected 8192 | SIZE_MISMATCH
            the sink's temporary file has -1 bytes, expected 8192 | SIZE_MISMATCH
            # other writers
            the checksum did not match | CHECKSUM_MISMATCH
            Hash mismatch after upload | CHECKSUM_MISMATCH
            digest differs from the source's | CHECKSUM_MISMATCH
            # not a verification failure
            sink: Permission denied (SSH_FX_PERMISSION_DENIED) | null
            interrupted: connection reset | null
            '' | null
            null | null
            """)
    void readsTheMismatchOrNothing(String error, String expected) {
        List<Finding> found = text.detect(error, "the transfer's verification");
        if (expected == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(AnomalyType.valueOf(expected));
                assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(f.score()).isEqualTo(1);
                assertThat(f.message()).contains("found by the transfer's verification");
            });
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            VerificationFailedException: sink SHA-256 9F86D081884C7D659A2F differs from the streamed 2c26b46b68ffc68ff99b. | the sink's SHA-256 9f86d081884c… differs from the source's 2c26b46b68ff…
            VerificationFailedException: sink has 10 bytes, mtime none; expected 12 bytes, mtime none | the sink has 10 bytes where the source has 12 (short by 2 B)
            """)
    void saysWhatDiffersWithTheNumbers(String error, String sentence) {
        assertThat(text.detect(error, "x")).singleElement().extracting(Finding::message)
                .asString().startsWith(sentence);
    }
}
