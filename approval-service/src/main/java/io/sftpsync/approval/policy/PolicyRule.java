package io.sftpsync.approval.policy;

import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.paths.Glob;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * An approval policy: files whose path matches {@code glob} and whose size is at most {@code maxSize} (when
 * set) are approved without a person, as {@code rule:<name>}.
 *
 * @param partSize bytes per part, required for SPLIT
 */
public record PolicyRule(
        @NotBlank String name,
        @NotBlank String glob,
        DataSize maxSize,
        @NotNull @DefaultValue("CHUNKED") TransferStrategy strategy,
        DataSize partSize) {

    public PolicyRule {
        if (glob != null && !glob.isBlank()) {
            Glob.of(glob);
        }
        if (strategy == TransferStrategy.SPLIT && (partSize == null || partSize.toBytes() <= 0)) {
            throw new IllegalArgumentException("sync.approval.rules: rule '" + name
                    + "' has strategy SPLIT and needs a positive part-size");
        }
        if (strategy != TransferStrategy.SPLIT && partSize != null) {
            throw new IllegalArgumentException("sync.approval.rules: rule '" + name
                    + "' sets part-size, which only the SPLIT strategy uses");
        }
    }
}
