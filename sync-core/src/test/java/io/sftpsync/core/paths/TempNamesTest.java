package io.sftpsync.core.paths;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TempNamesTest {

    @Test
    void aCopysTemporaryIsHiddenRecognisedAndTellsItselfFromATransfers() {
        String copy = TempNames.forName("report.csv");
        String transfer = TempNames.forTransfer("report.csv", "0123456789abcdef0123456789abcdef");

        assertThat(copy).startsWith(".report.csv.sftp-sync-").endsWith(".tmp");
        assertThat(TempNames.isTemporary(copy)).isTrue();
        assertThat(TempNames.isTemporary(transfer)).isTrue();
        assertThat(TempNames.isCopyTemporary(copy)).isTrue();
        assertThat(TempNames.isCopyTemporary(transfer)).isFalse();
        assertThat(TempNames.isCopyTemporary("report.csv")).isFalse();
        assertThat(TempNames.isCopyTemporary(".report.csv.sftp-sync-0123abcd.tmp.bak")).isFalse();
    }

    @Test
    void aLongNameKeepsItsTemporaryWithinNameMax() {
        String name = "ü".repeat(200);
        String temp = TempNames.forName(name);

        assertThat(temp.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(TempNames.isCopyTemporary(temp)).isTrue();
    }

    @Test
    void aNewlineInTheNameStillMakesARecognisedTemporary() {
        assertThat(TempNames.isCopyTemporary(TempNames.forName("new\nline.txt"))).isTrue();
    }
}
