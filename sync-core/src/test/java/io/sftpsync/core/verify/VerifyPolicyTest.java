package io.sftpsync.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.paths.Glob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyPolicyTest {

    @Test
    void firstMatchingPathRuleThenClassThenDefault() {
        VerifyPolicy policy = new VerifyPolicy(VerifyMode.SIZE, Map.of(SizeClass.MEDIUM, VerifyMode.CHECKSUM),
                List.of(new VerifyPolicy.Rule(Glob.of("*.db"), VerifyMode.NONE),
                        new VerifyPolicy.Rule(Glob.of("critical/**"), VerifyMode.CHECKSUM),
                        new VerifyPolicy.Rule(Glob.of("critical/*.db"), VerifyMode.SIZE)));
        assertThat(policy.modeFor("x/data.db", SizeClass.MEDIUM)).isEqualTo(VerifyMode.NONE);
        assertThat(policy.modeFor("critical/a.csv", SizeClass.SMALL)).isEqualTo(VerifyMode.CHECKSUM);
        assertThat(policy.modeFor("critical/a.db", SizeClass.SMALL)).isEqualTo(VerifyMode.NONE);
        assertThat(policy.modeFor("plain.bin", SizeClass.MEDIUM)).isEqualTo(VerifyMode.CHECKSUM);
        assertThat(policy.modeFor("plain.bin", SizeClass.SMALL)).isEqualTo(VerifyMode.SIZE);
    }
}
