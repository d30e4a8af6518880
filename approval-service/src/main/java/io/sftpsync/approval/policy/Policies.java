package io.sftpsync.approval.policy;

import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.paths.Glob;
import java.util.List;
import java.util.Optional;
import org.springframework.util.unit.DataSize;

/**
 * The approval policies: rules in order, the first whose glob matches the path and whose max size (when set) is
 * at least the file's size approves it as {@code rule:<name>}. No rule approves a file above the two-person
 * threshold: that needs people.
 */
public final class Policies {

    /** A rule's approval. */
    public record Decision(String actor, TransferStrategy strategy, Long partSize) {
    }

    private record CompiledRule(PolicyRule rule, Glob glob) {
    }

    private final List<CompiledRule> rules;
    private final DataSize twoPersonAbove;

    public Policies(List<PolicyRule> rules, DataSize twoPersonAbove) {
        this.rules = rules.stream().map(r -> new CompiledRule(r, Glob.of(r.glob()))).toList();
        this.twoPersonAbove = twoPersonAbove;
    }

    public Optional<Decision> decide(String path, long size) {
        if (twoPersonAbove != null && size > twoPersonAbove.toBytes()) {
            return Optional.empty();
        }
        return rules.stream()
                .filter(r -> r.glob().matches(path))
                .filter(r -> r.rule().maxSize() == null || r.rule().maxSize().toBytes() >= size)
                .findFirst()
                .map(r -> new Decision("rule:" + r.rule().name(), r.rule().strategy(),
                        r.rule().partSize() == null ? null : r.rule().partSize().toBytes()));
    }
}
