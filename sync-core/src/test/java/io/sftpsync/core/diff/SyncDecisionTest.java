package io.sftpsync.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.listing.RemoteFile;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyncDecisionTest {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");
    private final SyncDecision decision = new SyncDecision(Duration.ofSeconds(2));

    @ParameterizedTest(name = "src {0}B +{1}s vs sink {2}B +{3}s -> {4}")
    @CsvSource(nullValues = "none", value = {
        // same size, same time: identical
        "100, 0, 100, 0, none",
        // source newer beyond the skew
        "100, 10, 100, 0, NEWER",
        // within the skew tolerance: identical
        "100, 2, 100, 0, none",
        "100, 3, 100, 0, NEWER",
        // sink newer, same size: left alone
        "100, 0, 100, 60, none",
        // sizes differ, source not newer
        "100, 0, 99, 0, SIZE_DIFFERS",
        "100, 0, 101, 60, SIZE_DIFFERS",
        // newer and different size: newer wins
        "100, 60, 50, 0, NEWER",
        "0, 0, 0, 0, none",
    })
    void decides(long srcSize, long srcOffset, long sinkSize, long sinkOffset, SyncReason expected) {
        RemoteFile src = new RemoteFile("f", srcSize, T.plusSeconds(srcOffset));
        RemoteFile sink = new RemoteFile("f", sinkSize, T.plusSeconds(sinkOffset));
        assertThat(decision.decide(src, sink).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "104857600"})
    void missingAtSinkIsAlwaysCopied(long size) {
        assertThat(decision.decide(new RemoteFile("f", size, T), null)).contains(SyncReason.MISSING);
    }
}
