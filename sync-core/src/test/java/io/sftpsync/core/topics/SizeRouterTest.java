package io.sftpsync.core.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.events.SizeClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SizeRouterTest {

    private final SizeRouter router = new SizeRouter(Thresholds.DEFAULT);

    @ParameterizedTest
    @CsvSource({
        "0, SMALL, sftp.files.small",
        "104857599, SMALL, sftp.files.small",
        "104857600, MEDIUM, sftp.files.medium",
        "1073741823, MEDIUM, sftp.files.medium",
        "1073741824, LARGE, sftp.files.large",
        "10737418240, LARGE, sftp.files.large",
        "10737418241, OVERSIZED, sftp.files.oversized",
        "9223372036854775807, OVERSIZED, sftp.files.oversized",
    })
    void classifiesOnBinaryThresholds(long size, SizeClass expected, String topic) {
        assertThat(router.classify(size)).isEqualTo(expected);
        assertThat(router.topicFor(size)).isEqualTo(topic);
    }

    @Test
    void customThresholdsApply() {
        SizeRouter tiny = new SizeRouter(new Thresholds(10, 20, 30));
        assertThat(tiny.classify(9)).isEqualTo(SizeClass.SMALL);
        assertThat(tiny.classify(10)).isEqualTo(SizeClass.MEDIUM);
        assertThat(tiny.classify(20)).isEqualTo(SizeClass.LARGE);
        assertThat(tiny.classify(30)).isEqualTo(SizeClass.LARGE);
        assertThat(tiny.classify(31)).isEqualTo(SizeClass.OVERSIZED);
    }

    @Test
    void inconsistentThresholdsAreRefusedWithAReason() {
        assertThatThrownBy(() -> new Thresholds(0, 1, 2)).hasMessageContaining("thresholds.small");
        assertThatThrownBy(() -> new Thresholds(10, 5, 20)).hasMessageContaining("thresholds.large");
        assertThatThrownBy(() -> new Thresholds(10, 20, 15)).hasMessageContaining("thresholds.max");
        assertThatThrownBy(() -> router.classify(-1)).hasMessageContaining("size");
    }
}
