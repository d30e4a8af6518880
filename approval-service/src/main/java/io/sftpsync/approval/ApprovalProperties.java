package io.sftpsync.approval;

import io.sftpsync.approval.policy.PolicyRule;
import io.sftpsync.core.topics.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The approval service.
 *
 * @param expireAfter    a PENDING approval older than this becomes EXPIRED; {@code -} never (a string, since a
 *                       Duration cannot say "never")
 * @param twoPersonAbove files above this size need two different operators to approve; null: never
 * @param rules          approval policies, first match decides
 * @param externalTopic  where EXTERNAL approvals are handed to another system
 * @param pageUrl        the operator page's URL, quoted in messages; may be null
 * @param expiryInterval how often PENDING approvals are checked for expiry
 */
@Validated
@ConfigurationProperties(prefix = "sync.approval")
public record ApprovalProperties(
        @NotNull @DefaultValue("7d") String expireAfter,
        DataSize twoPersonAbove,
        @DefaultValue List<@Valid PolicyRule> rules,
        @NotBlank @DefaultValue(Topics.EXTERNAL_TRANSFERS) String externalTopic,
        String pageUrl,
        @NotNull @DefaultValue("1m") Duration expiryInterval) {

    public ApprovalProperties {
        expiry(expireAfter);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** How long a PENDING approval waits before it expires; empty when it never does. */
    public Optional<Duration> expiry() {
        return expiry(expireAfter);
    }

    private static Optional<Duration> expiry(String value) {
        if (value == null || value.strip().equals("-")) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = DurationStyle.detectAndParse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sync.approval.expire-after must be a duration such as 7d or 12h, or -"
                    + " for never; was '" + value + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("sync.approval.expire-after must be positive, was " + value);
        }
        return Optional.of(d);
    }
}
