package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.anomaly.detect.SizeHistory.Basis;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeChangeDetectorTest {

    /** The defaults: 7 samples, |M| > 3.5, a 0.5 relative-tolerance floor. */
    static final SizeChangeDetector DETECTOR = new SizeChangeDetector(7, 3.5, 0.5);

    static SizeHistory path(String sizes) {
        return new SizeHistory(Basis.PATH, "data/x.bin",
                sizes.isBlank() ? List.of() : Arrays.stream(sizes.trim().split("\\s+")).map(Long::valueOf).toList());
    }

    @ParameterizedTest(name = "[{0}] {1} after {2}")
    @CsvSource(nullValues = "-", value = {
            // case,                         new size, earlier sizes,                       type,        severity
            "equal sizes (MAD 0),                100, 100 100 100 100 100 100 100,       -,           -",
            "MAD 0: 1.5x is the floor itself,    150, 100 100 100 100 100 100 100,       -,           -",
            "MAD 0: 1.6x is over it,             160, 100 100 100 100 100 100 100,       SIZE_GROWTH, WARNING",
            "MAD 0: 0.6x is under it,             60, 100 100 100 100 100 100 100,       SIZE_SHRINK, WARNING",
            "MAD 0: 10x,                        1000, 100 100 100 100 100 100 100,       SIZE_GROWTH, CRITICAL",
            "shrunk to a tenth,                   10, 100 100 100 100 100 100 100,       SIZE_SHRINK, CRITICAL",
            "emptied (zero bytes),                 0, 100 100 100 100 100 100 100,       SIZE_SHRINK, CRITICAL",
            "zero bytes among zero bytes,          0, 0 0 0 0 0 0 0,                     -,           -",
            "bytes where there were none,       4096, 0 0 0 0 0 0 0,                     SIZE_GROWTH, WARNING",
            "too little history: 6 samples,   100000, 100 100 100 100 100 100,           -,           -",
            "no history at all (a new name),  100000, '',                                -,           -",
            "small noise: 1.3x,                  130, 90 100 110 95 105 100 98 102,      -,           -",
            "small noise: 2x,                    200, 90 100 110 95 105 100 98 102,      SIZE_GROWTH, WARNING",
            "small noise: halved,                 50, 90 100 110 95 105 100 98 102,      SIZE_SHRINK, WARNING",
            "wide history: 100000 is normal, 100000, 10 100 1000 10000 100 1000 10 10000, -,          -",
    })
    void robustZOnLogSizes(String name, long size, String history, AnomalyType type, Severity severity) {
        Optional<Finding> found = DETECTOR.detect(size, path(history));
        if (type == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).get().extracting(Finding::type, Finding::severity).containsExactly(type, severity);
            assertThat(found.get().score()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void theSentenceHasTheNumbers() {
        long mib = 1L << 20;
        List<Long> sizes = List.of(400 * mib, 405 * mib, 410 * mib, 412 * mib, 415 * mib, 415 * mib, 416 * mib,
                418 * mib, 420 * mib, 421 * mib, 425 * mib, 430 * mib, 398 * mib, 415 * mib);
        Finding f = DETECTOR.detect((long) (5.1 * 1024 * mib), new SizeHistory(Basis.PATH, "db/dump.sql", sizes))
                .orElseThrow();
        assertThat(f.type()).isEqualTo(AnomalyType.SIZE_GROWTH);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).startsWith("5.1 GiB is 12.6× the median 415 MiB of the last 14 versions (robust z ");
        assertThat(f.score()).isGreaterThan(0.8);
        assertThat(DETECTOR.detect(0, path("100 100 100 100 100 100 100")).orElseThrow().message())
                .startsWith("0 B is 0.0× the median 100 B of the last 7 versions");
        assertThat(DETECTOR.detect(4096, path("0 0 0 0 0 0 0")).orElseThrow().message())
                .startsWith("4 KiB where the median of the last 7 versions is 0 B");
    }

    @Test
    void aNewNameIsJudgedByItsNamePatternThenItsDirectory() {
        SizeHistory own = new SizeHistory(Basis.PATH, "reports/report-2026-12-03.csv", List.of());
        SizeHistory pattern = new SizeHistory(Basis.PATTERN, "reports/report-*.csv",
                List.of(1000L, 1010L, 990L, 1000L, 1005L, 995L, 1000L, 1002L, 998L));
        SizeHistory directory = new SizeHistory(Basis.DIRECTORY, "reports",
                List.of(10L, 20L, 1000L, 30L, 40L, 5000L, 60L));

        SizeHistory chosen = SizeHistory.choose(7, own, pattern, directory);
        assertThat(chosen).isSameAs(pattern);
        assertThat(DETECTOR.detect(10, chosen).orElseThrow().message())
                .startsWith("10 B is 0.01× the median 1000 B of the last 9 files named reports/report-*.csv");

        // The first file of a new name pattern: only its directory has enough history.
        SizeHistory firstOfPattern = new SizeHistory(Basis.PATTERN, "reports/summary-*.csv", List.of());
        assertThat(SizeHistory.choose(7, own, firstOfPattern, directory)).isSameAs(directory);
        assertThat(DETECTOR.detect(1_000_000, SizeHistory.choose(7, own, firstOfPattern, directory)))
                .get().extracting(Finding::message).asString()
                .contains("of the last 7 files in reports");

        // A path's own history wins as soon as it has enough versions.
        SizeHistory ownEnough = new SizeHistory(Basis.PATH, "reports/a.csv", List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L));
        assertThat(SizeHistory.choose(7, ownEnough, pattern, directory)).isSameAs(ownEnough);

        // None has enough: no verdict.
        SizeHistory tiny = new SizeHistory(Basis.DIRECTORY, "new", List.of(1L, 2L));
        assertThat(DETECTOR.detect(1_000_000_000, SizeHistory.choose(7, own, firstOfPattern, tiny))).isEmpty();
    }
}
