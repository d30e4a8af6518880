package io.sftpsync.approval.intake;

import static io.sftpsync.approval.state.ApprovalState.APPROVED;
import static io.sftpsync.approval.state.ApprovalState.DONE;
import static io.sftpsync.approval.state.ApprovalState.EXPIRED;
import static io.sftpsync.approval.state.ApprovalState.FAILED;
import static io.sftpsync.approval.state.ApprovalState.IN_PROGRESS;
import static io.sftpsync.approval.state.ApprovalState.PENDING;
import static io.sftpsync.approval.state.ApprovalState.REJECTED;
import static io.sftpsync.approval.state.ApprovalState.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.approval.intake.IntakePlan.Existing;
import io.sftpsync.approval.intake.IntakePlan.Plan;
import io.sftpsync.approval.state.ApprovalState;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class IntakePlanTest {

    static final long SIZE = 20L << 30;
    static final Instant MTIME = Instant.parse("2026-11-30T10:15:30.123456789Z");

    static final Instant EARLIER = Instant.parse("2026-12-01T08:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    static Existing sameVersion(String id, ApprovalState state) {
        return new Existing(id, SIZE, MTIME, EARLIER, state);
    }

    static Plan plan(long size, Instant mtime, List<Existing> existing) {
        return IntakePlan.plan(size, mtime, NOW, existing);
    }

    @Test
    void theFirstDiscoveryOfAFileCreatesAnApproval() {
        assertThat(plan(SIZE, MTIME, List.of())).isEqualTo(new Plan(true, List.of()));
    }

    /** Redelivery, or every scan finding the same version again: nothing new, whatever became of it. */
    @ParameterizedTest
    @EnumSource(value = ApprovalState.class, names = {"PENDING", "APPROVED", "REJECTED", "IN_PROGRESS", "DONE",
            "FAILED"})
    void theSameVersionWithALiveApprovalAddsNothing(ApprovalState state) {
        assertThat(plan(SIZE, MTIME, List.of(sameVersion("a", state)))).isEqualTo(new Plan(false,
                List.of()));
    }

    @Test
    void anExpiredApprovalOfTheSameVersionIsReopenedAsANewOne() {
        assertThat(plan(SIZE, MTIME, List.of(sameVersion("a", EXPIRED))))
                .isEqualTo(new Plan(true, List.of()));
    }

    @Test
    void aSupersededApprovalOfTheSameVersionDoesNotCountAsLive() {
        // The file went back to an earlier version (restored from a backup): it is wanted again.
        assertThat(plan(SIZE, MTIME, List.of(sameVersion("a", SUPERSEDED))))
                .isEqualTo(new Plan(true, List.of()));
    }

    static Stream<Arguments> otherVersions() {
        return Stream.of(
                Arguments.of(PENDING, List.of("old")),
                Arguments.of(REJECTED, List.of("old")),
                Arguments.of(APPROVED, List.of()),
                Arguments.of(IN_PROGRESS, List.of()),
                Arguments.of(DONE, List.of()),
                Arguments.of(FAILED, List.of()),
                Arguments.of(EXPIRED, List.of()),
                Arguments.of(SUPERSEDED, List.of()));
    }

    @ParameterizedTest(name = "another version {0} -> superseded {1}")
    @MethodSource("otherVersions")
    void aChangedVersionCreatesAnApprovalAndSupersedesOnlyPendingOrRejectedOnes(ApprovalState state,
            List<String> superseded) {
        List<Existing> changedSize = List.of(new Existing("old", SIZE - 1, MTIME, EARLIER, state));
        List<Existing> changedMtime = List.of(new Existing("old", SIZE, MTIME.minusNanos(1), EARLIER, state));
        assertThat(plan(SIZE, MTIME, changedSize)).isEqualTo(new Plan(true, superseded));
        assertThat(plan(SIZE, MTIME, changedMtime)).isEqualTo(new Plan(true, superseded));
    }

    @Test
    void aRescanOfTheNewVersionAfterASupersessionAddsNothing() {
        List<Existing> after = List.of(new Existing("old", SIZE - 1, MTIME, EARLIER, SUPERSEDED),
                sameVersion("new", PENDING));
        assertThat(plan(SIZE, MTIME, after)).isEqualTo(new Plan(false, List.of()));
    }

    @Test
    void aLateRedeliveryOfTheOldVersionAfterANewOneIsStaleAndChangesNothing() {
        List<Existing> after = List.of(new Existing("old", SIZE - 1, MTIME, EARLIER, SUPERSEDED),
                new Existing("new", SIZE, MTIME, NOW, PENDING));
        assertThat(IntakePlan.plan(SIZE - 1, MTIME, EARLIER.plusSeconds(1), after)).isEqualTo(new Plan(false,
                List.of()));
    }

    @Test
    void aFileChangedBackToAnEarlierVersionLaterIsWantedAgain() {
        List<Existing> after = List.of(new Existing("old", SIZE - 1, MTIME, EARLIER, SUPERSEDED),
                new Existing("new", SIZE, MTIME, EARLIER.plusSeconds(60), PENDING));
        assertThat(IntakePlan.plan(SIZE - 1, MTIME, NOW, after)).isEqualTo(new Plan(true, List.of("new")));
    }
}
