package io.sftpsync.approval.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.approval.policy.Policies.Decision;
import io.sftpsync.core.events.TransferStrategy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

class PoliciesTest {

    static final List<PolicyRule> RULES = List.of(
            new PolicyRule("backups", "backups/**", DataSize.parse("200GB"), TransferStrategy.CHUNKED, null),
            new PolicyRule("images", "media/*.iso", null, TransferStrategy.SPLIT, DataSize.parse("4GB")),
            new PolicyRule("logs", "logs/day-??.log", DataSize.parse("50GB"), TransferStrategy.COMPRESS, null),
            // Never reached for backups/**: the first matching rule decides.
            new PolicyRule("catch-all-small", "**", DataSize.parse("20GB"), TransferStrategy.EXTERNAL, null));

    static final Policies POLICIES = new Policies(RULES, DataSize.parse("500GB"));

    @ParameterizedTest(name = "{0} ({1} GB) -> {2}")
    @CsvSource(nullValues = "-", value = {
            // path,                 GB,  actor,                 strategy, part size
            "backups/db.dump,        100, rule:backups,          CHUNKED,  -",
            "backups/2026/12/x.tar,  200, rule:backups,          CHUNKED,  -",
            "backups/huge.tar,       201, -,                     -,        -",
            "media/disc.iso,         400, rule:images,           SPLIT,    4294967296",
            "media/sub/disc.iso,     15,  rule:catch-all-small,  EXTERNAL, -",
            "logs/day-07.log,        30,  rule:logs,             COMPRESS, -",
            "logs/day-007.log,       30,  -,                     -,        -",
            "other/file.bin,         20,  rule:catch-all-small,  EXTERNAL, -",
            "other/file.bin,         21,  -,                     -,        -",
            // Above two-person-above: never a rule, whatever matches.
            "media/disc.iso,         501, -,                     -,        -",
    })
    void theFirstMatchingRuleWithinItsMaxSizeDecides(String path, long gb, String actor, TransferStrategy strategy,
            Long partSize) {
        Optional<Decision> decided = POLICIES.decide(path, DataSize.ofGigabytes(gb).toBytes());
        if (actor == null) {
            assertThat(decided).isEmpty();
        } else {
            assertThat(decided).contains(new Decision(actor, strategy, partSize));
        }
    }

    @ParameterizedTest
    @CsvSource({"backups/x, 1", "anything, 1000000000000"})
    void withoutRulesNothingIsDecided(String path, long size) {
        assertThat(new Policies(List.of(), null).decide(path, size)).isEmpty();
    }
}
