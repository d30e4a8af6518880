package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SCAN_VOLUME and RESOURCE_IMPACT. */
class VolumeDetectorsTest {

    static List<Long> longs(String values) {
        return values.isBlank() ? List.of() : Arrays.stream(values.trim().split("\\s+")).map(Long::valueOf).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // case,                       files, bytes, recent files,              recent bytes,        findings
            "as usual,                     1000,  50,    1000 990 1010 1000 1005,   40 50 60 50 50,      ''",
            "a source that looks empty,    0,     0,     1000 990 1010 1000 1005,   40 50 60 50 50,      CRITICAL WARNING",
            "a source that halved,         500,   50,    1000 990 1010 1000 1005,   40 50 60 50 50,      WARNING",
            "a little less,                600,   50,    1000 990 1010 1000 1005,   40 50 60 50 50,      ''",
            "twice as many files,          2100,  50,    1000 990 1010 1000 1005,   40 50 60 50 50,      INFO",
            "too few recent scans,         0,     0,     1000 990 1010 1000,        40 50 60 50,         ''",
            "nothing usually queued,       1000,  5000,  1000 990 1010 1000 1005,   0 0 0 0 0,           ''",
            "bytes fell to a tenth,        1000,  5,     1000 990 1010 1000 1005,   40 50 60 50 50,      WARNING",
    })
    void scanVolumeAgainstTheMedianOfRecentScans(String name, long files, long bytes, String recentFiles, String recentBytes,
            String severities) {
        List<Finding> found = new ScanVolumeDetector(0.5, 5).detect(files, bytes, longs(recentFiles),
                longs(recentBytes));
        assertThat(found).allSatisfy(f -> assertThat(f.type()).isEqualTo(AnomalyType.SCAN_VOLUME));
        assertThat(found).extracting(f -> f.severity().name())
                .containsExactlyElementsOf(severities.isBlank() ? List.of() : List.of(severities.split(" ")));
    }

    @Test
    void scanVolumeSentences() {
        ScanVolumeDetector detector = new ScanVolumeDetector(0.5, 5);
        List<Long> recent = longs("1000 990 1010 1000 1005");
        assertThat(detector.detect(0, 0, recent, List.of())).extracting(Finding::message).containsExactly(
                "no files seen where the median of the last 5 scans is 1000 files: the source looks empty");
        assertThat(detector.detect(480, 0, recent, List.of())).extracting(Finding::message).containsExactly(
                "480 files seen is 0.5× the median 1000 files of the last 5 scans");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // case,                         queued, free, budget, severities
            "within both,                    100,    200,  150,    ''",
            "beyond the free space,          300,    200,  -,      CRITICAL",
            "beyond the budget,              200,    1000, 150,    WARNING",
            "beyond both,                    300,    200,  150,    CRITICAL WARNING",
            "free space unknown,             300,    -,    -,      ''",
            "sink full,                      1,      0,    -,      CRITICAL",
            "nothing queued to a full sink,  0,      0,    -,      ''",
            "exactly the free space,         200,    200,  -,      ''",
            "not offered: the budget only,   300,    -,    150,    WARNING",
    })
    void resourceImpact(String name, long queued, Long free, Long budget, String severities) {
        List<Finding> found = new ResourceImpactDetector(budget).detect(queued, free);
        assertThat(found).extracting(f -> f.severity().name())
                .containsExactlyElementsOf(severities.isBlank() ? List.of() : List.of(severities.split(" ")));
        assertThat(found).allSatisfy(f -> assertThat(f.type()).isEqualTo(AnomalyType.RESOURCE_IMPACT));
    }

    @Test
    void resourceImpactSentences() {
        long gib = 1L << 30;
        assertThat(new ResourceImpactDetector(500 * gib).detect(1200 * gib, 800 * gib))
                .extracting(Finding::message).containsExactly(
                        "1.2 TiB queued for the sink is more than its free space 800 GiB",
                        "1.2 TiB queued for the sink is 2.4× the budget 500 GiB");
    }
}
