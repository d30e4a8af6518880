package io.sftpsync.standalone;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;

/**
 * The all-in-one process's settings.
 *
 * @param mode    {@code once} or {@code continuous}
 * @param demo    start the two demo SFTP servers ({@code --demo})
 * @param dataDir where the embedded broker ({@code kafka/}) and the demo servers ({@code demo/}) keep their files;
 *                sync-db reads the same property for the embedded PostgreSQL
 */
@Validated
@ConfigurationProperties(prefix = "sync")
public record StandaloneProperties(
        @NotNull @DefaultValue("continuous") Mode mode,
        @DefaultValue("false") boolean demo,
        @NotNull @DefaultValue("./data") Path dataDir,
        @NotNull @Valid @DefaultValue Standalone standalone) {

    /** {@code once}: scan, transfer, wait, print a summary, exit. {@code continuous}: run until stopped. */
    public enum Mode { ONCE, CONTINUOUS }

    /**
     * @param kafkaPort        client port of the embedded broker; 0 picks a free one
     * @param onceTimeout      how long the once mode waits for results before giving up
     * @param verbose          once mode: the full log on the console too ({@code --verbose}), not only in
     *                         {@code <data-dir>/logs/sftp-sync.log}
     * @param progressInterval once mode, output not a terminal: how often a progress line is printed; zero
     *                         prints none (on a terminal the line is redrawn every second)
     */
    public record Standalone(@Min(0) @Max(65535) @DefaultValue("0") int kafkaPort,
            @NotNull @DefaultValue("24h") Duration onceTimeout,
            @DefaultValue("false") boolean verbose,
            @NotNull @DefaultValue("30s") Duration progressInterval) {

        public Standalone {
            if (progressInterval != null && progressInterval.isNegative()) {
                throw new IllegalArgumentException("sync.standalone.progress-interval must not be negative, was "
                        + progressInterval);
            }
        }
    }

    /**
     * Binds them from {@code environment} before the application context exists (and so without validation,
     * which the context's binding does), for what must start first: the embedded broker and the demo servers.
     */
    static StandaloneProperties bind(Environment environment) {
        return Binder.get(environment).bindOrCreate("sync", StandaloneProperties.class);
    }
}
