package io.sftpsync.anomaly.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How often the stalled-transfer watch looks: a quarter of the limit, within bounds. */
class StallWatchTest {

    @ParameterizedTest
    @CsvSource({"PT10M, PT30S", "PT2M, PT30S", "PT1M, PT15S", "PT4S, PT1S", "PT1S, PT0.25S", "PT0.4S, PT0.2S",
            "PT0.001S, PT0.2S"})
    void looksEveryQuarterOfTheLimitBetween200MillisecondsAnd30Seconds(Duration after, Duration interval) {
        assertThat(StallWatch.intervalFor(after)).isEqualTo(interval);
    }
}
