package io.sftpsync.core.verify;

import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.paths.Glob;
import java.util.List;
import java.util.Map;

/** Picks a file's verification mode: the first matching path rule, else its class's mode, else the default. */
public final class VerifyPolicy {

    /** A compiled path rule. */
    public record Rule(Glob glob, VerifyMode mode) {
    }

    private final VerifyMode defaultMode;
    private final Map<SizeClass, VerifyMode> perClass;
    private final List<Rule> rules;

    public VerifyPolicy(VerifyMode defaultMode, Map<SizeClass, VerifyMode> perClass, List<Rule> rules) {
        this.defaultMode = defaultMode;
        this.perClass = Map.copyOf(perClass);
        this.rules = List.copyOf(rules);
    }

    public VerifyMode modeFor(String path, SizeClass sizeClass) {
        for (Rule rule : rules) {
            if (rule.glob().matches(path)) {
                return rule.mode();
            }
        }
        return perClass.getOrDefault(sizeClass, defaultMode);
    }
}
