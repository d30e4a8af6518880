package io.sftpsync.db.embedded;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code sync.data-dir}: the embedded PostgreSQL keeps its files in {@code postgres/} under it. */
@Validated
@ConfigurationProperties(prefix = "sync")
public record DataDirProperties(@NotNull @DefaultValue("./data") Path dataDir) {
}
