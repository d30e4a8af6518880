package io.sftpsync.scanner.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LastAuditsTest {

    @Test
    void aPathNeverSeenIsNeverAuditedAndAKnownOneHasItsSecond() {
        AuditHistory.LastAudits last = new AuditHistory.LastAudits(Map.of(AuditHistory.LastAudits.hash("a/b.txt"),
                1_700_000_000L));

        assertThat(last.of("a/b.txt")).isEqualTo(1_700_000_000L);
        assertThat(last.of("a/c.txt")).isEqualTo(AuditCandidate.NEVER);
        assertThat(AuditHistory.LastAudits.hash("a/b.txt")).isNotEqualTo(AuditHistory.LastAudits.hash("a/b.txu"));
    }
}
