package io.sftpsync.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.approval.policy.PolicyRule;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.topics.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class ApprovalPropertiesTest {

    static ApprovalProperties bind(java.util.Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("sync.approval", ApprovalProperties.class);
    }

    @Test
    void defaults() {
        ApprovalProperties p = bind(java.util.Map.of());
        assertThat(p.expiry()).contains(Duration.ofDays(7));
        assertThat(p.twoPersonAbove()).isNull();
        assertThat(p.rules()).isEmpty();
        assertThat(p.externalTopic()).isEqualTo(Topics.EXTERNAL_TRANSFERS);
        assertThat(p.pageUrl()).isNull();
    }

    @Test
    void aDashMeansNeverExpire() {
        assertThat(bind(java.util.Map.of("sync.approval.expire-after", "-")).expiry()).isEmpty();
        assertThat(bind(java.util.Map.of("sync.approval.expire-after", "12h")).expiry()).contains(Duration.ofHours(12));
    }

    @Test
    void rulesBindWithCHUNKEDByDefault() {
        ApprovalProperties p = bind(java.util.Map.of(
                "sync.approval.rules[0].name", "backups",
                "sync.approval.rules[0].glob", "backups/**",
                "sync.approval.rules[0].max-size", "200GB",
                "sync.approval.rules[1].name", "iso",
                "sync.approval.rules[1].glob", "*.iso",
                "sync.approval.rules[1].strategy", "split",
                "sync.approval.rules[1].part-size", "4GB",
                "sync.approval.two-person-above", "1TB"));
        assertThat(p.rules()).containsExactly(
                new PolicyRule("backups", "backups/**", DataSize.ofGigabytes(200),
                        TransferStrategy.CHUNKED, null),
                new PolicyRule("iso", "*.iso", null, TransferStrategy.SPLIT, DataSize.ofGigabytes(4)));
        assertThat(p.twoPersonAbove()).isEqualTo(DataSize.ofTerabytes(1));
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> new ApprovalProperties("soon", null, List.of(), "t", null, Duration.ofMinutes(1)))
                .hasMessageContaining("sync.approval.expire-after");
        assertThatThrownBy(() -> new PolicyRule("iso", "*.iso", null, TransferStrategy.SPLIT, null))
                .hasMessageContaining("rule 'iso'").hasMessageContaining("part-size");
        assertThatThrownBy(() -> new PolicyRule("x", "x/**", null, TransferStrategy.CHUNKED,
                DataSize.ofMegabytes(1))).hasMessageContaining("only the SPLIT strategy");
        assertThatThrownBy(() -> new PolicyRule("x", "[x", null, TransferStrategy.CHUNKED, null))
                .hasMessageContaining("unclosed");
    }
}
