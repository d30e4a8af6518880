package io.sftpsync.boot.config;

import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.paths.Glob;
import io.sftpsync.core.verify.VerifyMode;
import io.sftpsync.core.verify.VerifyPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Verification after a copy: {@code size}, {@code checksum} (re-read the sink) or {@code none}. The first
 * matching path rule wins, then the class, then the default. Shared because both transfer services verify.
 */
@Validated
@ConfigurationProperties(prefix = "sync.verify")
public record VerifyProperties(
        @NotNull @DefaultValue("size") VerifyMode mode,
        Map<SizeClass, VerifyMode> classes,
        List<@Valid PathRule> paths) {

    public VerifyProperties {
        classes = classes == null ? Map.of() : Map.copyOf(classes);
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    /** The rules compiled. */
    public VerifyPolicy policy() {
        return new VerifyPolicy(mode, classes,
                paths.stream().map(r -> new VerifyPolicy.Rule(Glob.of(r.glob()), r.mode())).toList());
    }

    /** A verification mode for the paths matching a glob. */
    public record PathRule(@NotBlank String glob, @NotNull VerifyMode mode) {
    }
}
