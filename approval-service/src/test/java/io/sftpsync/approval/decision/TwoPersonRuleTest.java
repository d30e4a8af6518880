package io.sftpsync.approval.decision;

import static io.sftpsync.core.events.TransferStrategy.CHUNKED;
import static io.sftpsync.core.events.TransferStrategy.SPLIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.approval.decision.TwoPersonRule.Approve;
import io.sftpsync.approval.decision.TwoPersonRule.FirstOfTwo;
import io.sftpsync.approval.decision.TwoPersonRule.Refused;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class TwoPersonRuleTest {

    static final long BIG = DataSize.ofGigabytes(101).toBytes();
    static final long SMALL = DataSize.ofGigabytes(100).toBytes();
    static final TwoPersonRule RULE = new TwoPersonRule(DataSize.ofGigabytes(100));

    @Test
    void offByDefaultOneOperatorApproves() {
        assertThat(new TwoPersonRule(null).required(Long.MAX_VALUE)).isFalse();
        assertThat(new TwoPersonRule(null).judge(BIG, null, null, null, "otto", CHUNKED, null))
                .isInstanceOf(Approve.class);
    }

    @Test
    void atOrBelowTheThresholdOneOperatorApproves() {
        assertThat(RULE.required(SMALL)).isFalse();
        assertThat(RULE.judge(SMALL, null, null, null, "otto", CHUNKED, null)).isInstanceOf(Approve.class);
    }

    @Test
    void aboveItTheFirstApprovalWaitsForASecond() {
        assertThat(RULE.required(BIG)).isTrue();
        assertThat(RULE.judge(BIG, null, null, null, "otto", SPLIT, 1024L)).isInstanceOf(FirstOfTwo.class);
    }

    @Test
    void aSecondDifferentOperatorChoosingTheSameApproves() {
        assertThat(RULE.judge(BIG, "otto", SPLIT, 1024L, "olga", SPLIT, 1024L)).isInstanceOf(Approve.class);
    }

    @Test
    void theSameOperatorAgainIsRefused() {
        assertThat(RULE.judge(BIG, "otto", SPLIT, 1024L, "otto", SPLIT, 1024L))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("otto already approved"));
    }

    @Test
    void anotherStrategyOrPartSizeIsRefusedNamingTheFirstChoice() {
        assertThat(RULE.judge(BIG, "otto", SPLIT, 1024L, "olga", CHUNKED, null))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason())
                        .contains("otto, chose SPLIT with part size 1024 bytes").contains("not CHUNKED"));
        assertThat(RULE.judge(BIG, "otto", SPLIT, 1024L, "olga", SPLIT, 2048L))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason())
                        .contains("SPLIT with part size 1024 bytes").contains("part size 2048"));
    }
}
