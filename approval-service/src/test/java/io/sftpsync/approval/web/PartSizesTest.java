package io.sftpsync.approval.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartSizesTest {

    @ParameterizedTest(name = "\"{0}\" = {1}")
    @CsvSource(delimiter = '|', value = {
            "2 MiB|2097152",
            "64MB|67108864",
            "64mb|67108864",
            "1GiB|1073741824",
            "1 GB|1073741824",
            "512KB|524288",
            "1TiB|1099511627776",
            "1048576|1048576",
            "4096B|4096",
            " 3 MiB |3145728"})
    void readsSizeStrings(String text, long bytes) {
        assertThat(PartSizes.parse(text)).isEqualTo(bytes);
    }

    @Test
    void readsJsonNumbersOfBytes() {
        assertThat(PartSizes.parse(1048576)).isEqualTo(1048576L);
        assertThat(PartSizes.parse(8_589_934_592L)).isEqualTo(8_589_934_592L);
        assertThat(PartSizes.parse(1024.0)).isEqualTo(1024L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|positive", "0 MiB|positive", "-5|bytes or a size", "1.5GB|bytes or a size",
            "ten MB|bytes or a size", "5 PB|bytes or a size", "|bytes or a size", "99999999999 TiB|too large"})
    void refusesWhatIsNotAPositiveSize(String text, String message) {
        assertThatThrownBy(() -> PartSizes.parse(text == null ? "" : text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void refusesNegativeFractionalAndOtherJsonValues() {
        assertThatThrownBy(() -> PartSizes.parse(-1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> PartSizes.parse(1.5)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> PartSizes.parse(true)).hasMessageContaining("number of bytes");
    }
}
