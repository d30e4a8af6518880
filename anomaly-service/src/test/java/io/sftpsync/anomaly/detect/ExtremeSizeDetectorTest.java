package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.topics.Thresholds;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtremeSizeDetectorTest {

    static final ExtremeSizeDetector DETECTOR = new ExtremeSizeDetector(10, 5);
    static final long KIB = 1024;
    static final long GIB = 1L << 30;

    @ParameterizedTest(name = "[{0}] {1} KiB {2}")
    @CsvSource(nullValues = "-", value = {
            // case,                          KiB,         class,     directory (KiB),    severity, message
            "100 GiB: 10x the 10 GiB max,     104857600,   OVERSIZED, '',                 -,        -",
            "just over 10x max,               104857601,   OVERSIZED, '',                 WARNING,  100 GiB is 10.0× the OVERSIZED class boundary 10 GiB (limit 10.0×)",
            "1 TiB: 100x max,                 1073741824,  OVERSIZED, '',                 CRITICAL, 1 TiB is 102.4× the OVERSIZED class boundary",
            "a small file within its class,   100,         SMALL,     '',                 -,        -",
            "20x its directory's median,      1000,        SMALL,     50 50 40 60 50,     WARNING,  1000 KiB is 20.0× the median 50 KiB of the 5 other files in its directory (limit 10.0×)",
            "10x its directory: the limit,    500,         SMALL,     50 50 40 60 50,     -,        -",
            "too few files beside it,         1000,        SMALL,     50 50 40 60,        -,        -",
            "empty files beside it,           1000,        SMALL,     0 0 0 0 0 0,        -,        -",
            "2000x its directory,             100000,      SMALL,     50 50 40 60 50,     CRITICAL, -",
    })
    void overFactorTimesItsClassOrItsDirectory(String name, long kib, SizeClass sizeClass, String directory,
            Severity severity, String message) {
        List<Long> dir = directory.isBlank() ? List.of()
                : Arrays.stream(directory.trim().split("\\s+")).map(s -> Long.parseLong(s) * KIB).toList();
        Optional<Finding> found = DETECTOR.detect(kib * KIB, sizeClass, Thresholds.DEFAULT, dir);
        if (severity == null) {
            assertThat(found).isEmpty();
            return;
        }
        assertThat(found).get().extracting(Finding::type, Finding::severity)
                .containsExactly(AnomalyType.EXTREME_SIZE, severity);
        if (message != null) {
            assertThat(found.get().message()).startsWith(message);
        }
    }
}
