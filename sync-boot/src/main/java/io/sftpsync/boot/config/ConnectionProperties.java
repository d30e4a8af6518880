package io.sftpsync.boot.config;

import io.sftpsync.core.sftp.HostKeyPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The two SFTP servers and how their host keys are checked: {@code sync.source.*}, {@code sync.sink.*}. */
@Validated
@ConfigurationProperties(prefix = "sync")
public record ConnectionProperties(
        @Valid Connection source,
        @Valid Connection sink,
        Path knownHosts,
        @NotNull @DefaultValue("strict") HostKeyPolicy hostKeyPolicy) {

    public ConnectionProperties {
        if (knownHosts == null) {
            knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        }
    }

    /** One SFTP server; {@link #toString()} hides the secrets. */
    public record Connection(
            String host,
            @Min(1) @Max(65535) @DefaultValue("22") int port,
            String username,
            String password,
            Path privateKey,
            String privateKeyPassphrase,
            @DefaultValue(".") String basePath) {

        @Override
        public String toString() {
            return "Connection[" + username + "@" + host + ":" + port + " " + basePath
                    + (password != null ? " password=****" : "") + (privateKey != null ? " key=" + privateKey : "")
                    + "]";
        }
    }
}
