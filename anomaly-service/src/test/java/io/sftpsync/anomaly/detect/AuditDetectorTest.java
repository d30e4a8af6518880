package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The integrity audit's verdicts: a mismatch is one CRITICAL CHECKSUM_MISMATCH whose sentence has the numbers. */
class AuditDetectorTest {

    static final Instant MTIME = Instant.parse("2026-11-27T05:40:12Z");
    static final String SOURCE = "9f3c" + "0".repeat(60);
    static final String SINK = "ab12" + "1".repeat(60);

    private final AuditDetector detector = new AuditDetector();

    @ParameterizedTest
    @CsvSource({
        "true,  1258291, ",
        "false, 1258291, 1.2 MiB",
        "false, 0,       0 B",
        "false, 512,     512 B",
        "false, 5476083302, 5.1 GiB",
    })
    void aMismatchIsOneCriticalFindingWithBothHashesTheSizeAndTheMtime(boolean matched, long size, String words) {
        var found = detector.detect(matched, size, MTIME, SOURCE, SINK);

        if (matched) {
            assertThat(found).isEmpty();
            return;
        }
        assertThat(found).hasValueSatisfying(f -> {
            assertThat(f.type()).isEqualTo(AnomalyType.CHECKSUM_MISMATCH);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.score()).isEqualTo(1.0);
            assertThat(f.message()).isEqualTo("sink bytes differ from the source's: SHA-256 ab1211111111… at the "
                    + "sink, 9f3c00000000… at the source, same size " + words + " and mtime 2026-11-27T05:40:12Z; "
                    + "found by the integrity audit and queued for re-sync");
        });
    }

    @Test
    void theKeyIsThePathItsVersionAndTheSinksHash() {
        Dedupe key = AuditDetector.key("data/x.bin", 10, MTIME, SINK);

        assertThat(key).isEqualTo(AuditDetector.key("data/x.bin", 10, MTIME, SINK.toUpperCase()));
        assertThat(key.type()).isEqualTo(AnomalyType.CHECKSUM_MISMATCH);
        assertThat(key.subject()).isEqualTo("data/x.bin");
        assertThat(key).isNotEqualTo(AuditDetector.key("data/x.bin", 10, MTIME, SOURCE))
                .isNotEqualTo(AuditDetector.key("data/x.bin", 10, MTIME.plusSeconds(1), SINK))
                .isNotEqualTo(AuditDetector.key("data/x.bin", 11, MTIME, SINK))
                .isNotEqualTo(AuditDetector.key("data/y.bin", 10, MTIME, SINK));
    }
}
