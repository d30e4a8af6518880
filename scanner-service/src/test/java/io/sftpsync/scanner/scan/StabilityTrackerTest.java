package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.listing.RemoteFile;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StabilityTrackerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void stableOnlyWhenThePreviousScanSawTheSame() {
        StabilityTracker tracker = new StabilityTracker();
        RemoteFile v1 = new RemoteFile("a", 10, NOW);
        assertThat(tracker.stable(v1)).isFalse();
        tracker.endScan("");
        assertThat(tracker.stable(v1)).isTrue();
        tracker.endScan("");
        assertThat(tracker.stable(new RemoteFile("a", 20, NOW))).isFalse();
        tracker.endScan("");
        tracker.endScan("");
        assertThat(tracker.stable(new RemoteFile("a", 20, NOW))).as("forgotten after a scan without it").isFalse();
    }

    @Test
    void aSubtreesScanForgetsOnlyWhatItCovers() {
        StabilityTracker tracker = new StabilityTracker();
        RemoteFile inside = new RemoteFile("in/a", 10, NOW);
        RemoteFile outside = new RemoteFile("out/b", 10, NOW);
        RemoteFile sibling = new RemoteFile("in-other/c", 10, NOW);
        tracker.stable(inside);
        tracker.stable(outside);
        tracker.stable(sibling);
        tracker.endScan("");

        // A scan of "in" that no longer sees in/a: in/a is forgotten, out/b and in-other/c are not.
        tracker.endScan("in");
        assertThat(tracker.stable(inside)).isFalse();
        assertThat(tracker.stable(outside)).isTrue();
        assertThat(tracker.stable(sibling)).isTrue();
    }
}
