package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamePatternTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "report-2026-11-30.csv,                    report-*.csv",
            "reports/report-2026-11-30.csv,            reports/report-*.csv",
            "reports/2026/report-2026-11-30.csv,       reports/*/report-*.csv",
            "in/2026/12/03/orders.csv,                 in/*/*/*/orders.csv",
            "host1.v2/data.csv,                        host*.v*/data.csv",
            "data_20261130_0600.csv,                   data_*.csv",
            "export.20261130T0600.xml,                 export.*T*.xml",
            "track01.mp3,                              track*.mp3",
            "backup.tar.bz2,                           backup.tar.bz2",
            "log.1,                                    log.*",
            "app.log.2026-11-30,                       app.log.*",
            "README,                                   README",
            "v1.2.3-release.zip,                       v*-release.zip",
            "12345,                                    *",
            ".hidden42,                                .hidden*",
    })
    void digitRunsBecomeAStar(String path, String pattern) {
        assertThat(NamePattern.of(path)).isEqualTo(pattern);
    }
}
