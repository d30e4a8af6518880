package io.sftpsync.approval.state;

import static io.sftpsync.approval.state.ApprovalState.APPROVED;
import static io.sftpsync.approval.state.ApprovalState.DONE;
import static io.sftpsync.approval.state.ApprovalState.EXPIRED;
import static io.sftpsync.approval.state.ApprovalState.FAILED;
import static io.sftpsync.approval.state.ApprovalState.IN_PROGRESS;
import static io.sftpsync.approval.state.ApprovalState.PENDING;
import static io.sftpsync.approval.state.ApprovalState.REJECTED;
import static io.sftpsync.approval.state.ApprovalState.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApprovalStatesTest {

    /** The whole table: every pair of states not listed here must be refused. */
    static final Set<List<ApprovalState>> ALLOWED = Set.of(
            List.of(PENDING, APPROVED), List.of(PENDING, REJECTED), List.of(PENDING, EXPIRED),
            List.of(PENDING, SUPERSEDED),
            List.of(REJECTED, SUPERSEDED),
            List.of(APPROVED, IN_PROGRESS), List.of(APPROVED, DONE), List.of(APPROVED, FAILED),
            List.of(IN_PROGRESS, DONE), List.of(IN_PROGRESS, FAILED),
            List.of(FAILED, APPROVED));

    static Stream<Arguments> allowed() {
        return ALLOWED.stream().map(p -> Arguments.of(p.get(0), p.get(1)));
    }

    static Stream<Arguments> refused() {
        List<Arguments> refused = new ArrayList<>();
        for (ApprovalState from : ApprovalState.values()) {
            for (ApprovalState to : ApprovalState.values()) {
                if (!ALLOWED.contains(List.of(from, to))) {
                    refused.add(Arguments.of(from, to));
                }
            }
        }
        return refused.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} allowed")
    @MethodSource("allowed")
    void allowsTheMovesOfTheTable(ApprovalState from, ApprovalState to) {
        assertThat(ApprovalStates.allowed(from, to)).isTrue();
        assertThatCode(() -> ApprovalStates.check(from, to)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} -> {1} refused")
    @MethodSource("refused")
    void refusesEveryOtherMoveNamingBothStates(ApprovalState from, ApprovalState to) {
        assertThat(ApprovalStates.allowed(from, to)).isFalse();
        assertThatThrownBy(() -> ApprovalStates.check(from, to))
                .isInstanceOf(ForbiddenTransitionException.class)
                .hasMessageContaining(from.name()).hasMessageContaining(to.name())
                .satisfies(e -> {
                    assertThat(((ForbiddenTransitionException) e).from()).isEqualTo(from);
                    assertThat(((ForbiddenTransitionException) e).to()).isEqualTo(to);
                });
    }

    @org.junit.jupiter.api.Test
    void theTableCoversEveryPair() {
        assertThat(allowed().count() + refused().count())
                .isEqualTo((long) ApprovalState.values().length * ApprovalState.values().length);
        assertThat(refused().count()).isEqualTo(64 - 11);
    }
}
