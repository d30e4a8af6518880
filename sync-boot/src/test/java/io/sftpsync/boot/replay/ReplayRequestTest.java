package io.sftpsync.boot.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.topics.Topics;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayRequestTest {

    private static ReplayRequest request(String topic, Object from, Object to, String glob, String target) {
        return new ReplayRequest(topic, from, to, glob, target, null, null);
    }

    @Test
    void aDeadLetterTopicReplaysIntoItsOriginalTopicUnlessATargetIsNamed() {
        assertThat(request("sftp.files.small.DLT", null, null, null, null).plan().target())
                .isEqualTo(Topics.FILES_SMALL);
        assertThat(request("sftp.files.small.DLT", null, null, null, "replay.look").plan().target())
                .isEqualTo("replay.look");
    }

    @Test
    void anyOtherTopicNeedsATargetOfSftpSync() {
        assertThatThrownBy(() -> request(Topics.RESULTS, null, null, null, null).plan())
                .isInstanceOf(ReplayRefusedException.class).hasMessageStartingWith("target is required");
        assertThatThrownBy(() -> request(Topics.RESULTS, null, null, null, "billing").plan())
                .hasMessageContaining("'billing' is not a topic of sftp-sync");
        assertThatThrownBy(() -> request("billing", null, null, null, "replay.x").plan())
                .hasMessageStartingWith("topic 'billing' is not a topic of sftp-sync");
        assertThatThrownBy(() -> request(Topics.RESULTS, null, null, null, "replay.").plan())
                .hasMessageStartingWith("target");
        assertThat(request(Topics.FILES_SMALL, null, null, null, Topics.FILES_SMALL).plan().target())
                .isEqualTo(Topics.FILES_SMALL);
    }

    @Test
    void theCompactedJournalsAreNoTarget() {
        assertThatThrownBy(() -> request(Topics.SCAN_INFLIGHT, null, null, null, Topics.SCAN_INFLIGHT).plan())
                .hasMessageContaining("compacted journal");
        assertThatThrownBy(() -> request(Topics.RESULTS, null, null, null, Topics.AUDITS).plan())
                .hasMessageContaining("compacted journal");
    }

    @Test
    void boundsAreInstantsOrOffsetsPerPartitionInOrder() {
        ReplayRequest.Plan plan = request(Topics.RESULTS, "2026-12-03T10:00:00Z", Map.of("0", 5, "2", 7), null,
                "replay.x").plan();
        assertThat(plan.from()).isEqualTo(new Bound.AtTime(Instant.parse("2026-12-03T10:00:00Z")));
        assertThat(plan.to()).isEqualTo(new Bound.AtOffsets(Map.of(0, 5L, 2, 7L)));
        assertThatThrownBy(() -> request(Topics.RESULTS, "2026-12-03T10:00:00Z", "2026-12-03T09:00:00Z", null,
                "replay.x").plan()).hasMessageStartingWith("from 2026-12-03T10:00:00Z is after to");
        assertThatThrownBy(() -> request(Topics.RESULTS, Map.of("1", 8), Map.of("1", 3), null, "replay.x").plan())
                .hasMessageStartingWith("from offset 8 of partition 1 is after to's 3");
        assertThatThrownBy(() -> request(Topics.RESULTS, "today", null, null, "replay.x").plan())
                .hasMessageStartingWith("from 'today' is not an ISO-8601 instant");
        assertThatThrownBy(() -> request(Topics.RESULTS, null, Map.of("x", 1), null, "replay.x").plan())
                .hasMessageStartingWith("to 'x' is not a partition number");
        assertThatThrownBy(() -> request(Topics.RESULTS, null, Map.of("0", -1), null, "replay.x").plan())
                .hasMessageStartingWith("to partition 0:");
        assertThatThrownBy(() -> request(Topics.RESULTS, Map.of(), null, null, "replay.x").plan())
                .hasMessageStartingWith("from names no partition");
        assertThatThrownBy(() -> request(Topics.RESULTS, 42, null, null, "replay.x").plan())
                .hasMessageStartingWith("from must be");
    }

    @Test
    void theGlobMatchesRelativePathsAsJavaNioDoes() {
        ReplayRequest.Plan plan = request(Topics.RESULTS, null, null, "in/**/*.csv", "replay.x").plan();
        assertThat(plan.matches("in/2026/12/a.csv")).isTrue();
        assertThat(plan.matches("in/a.csv")).isFalse();
        assertThat(plan.matches("out/2026/a.csv")).isFalse();
        assertThat(plan.matches(null)).isFalse();
        assertThat(plan.matches("in/x/bad\0name.csv")).isFalse();
        assertThat(request(Topics.RESULTS, null, null, " ", "replay.x").plan().matches(null)).isTrue();
        assertThatThrownBy(() -> request(Topics.RESULTS, null, null, "in/[x", "replay.x").plan())
                .hasMessageStartingWith("pathGlob is not a glob");
    }

    @Test
    void theSampleLimitIsBetweenZeroAndAHundred() {
        assertThat(request(Topics.RESULTS, null, null, null, "replay.x").plan().limit()).isEqualTo(10);
        assertThat(new ReplayRequest(Topics.RESULTS, null, null, null, "replay.x", true, 0).plan().limit()).isZero();
        assertThatThrownBy(() -> new ReplayRequest(Topics.RESULTS, null, null, null, "replay.x", true, 101).plan())
                .hasMessageStartingWith("limit must be between 0 and 100");
    }

    @Test
    void anOffsetResetNeedsAGroupAndAnInstant() {
        assertThat(new OffsetResetRequest(" transfer-files ", null, "2026-12-03T10:00:00Z", null).checked())
                .isEqualTo(new OffsetResetRequest.Checked("transfer-files", null,
                        Instant.parse("2026-12-03T10:00:00Z"), false));
        assertThatThrownBy(() -> new OffsetResetRequest(null, null, "2026-12-03T10:00:00Z", null).checked())
                .hasMessageStartingWith("group is required");
        assertThatThrownBy(() -> new OffsetResetRequest("g", null, null, null).checked())
                .hasMessageStartingWith("timestamp is required");
        assertThatThrownBy(() -> new OffsetResetRequest("g", null, "noon", null).checked())
                .hasMessageStartingWith("timestamp 'noon' is not");
        assertThatThrownBy(() -> new OffsetResetRequest("g", "billing", "2026-12-03T10:00:00Z", null).checked())
                .hasMessageStartingWith("topic 'billing'");
    }
}
