package io.sftpsync.boot.config;

import io.sftpsync.core.bandwidth.Bandwidth;
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
        // A wrong limit fails the start, naming the property, rather than the first transfer.
        bandwidth("source", source);
        bandwidth("sink", sink);
    }

    /**
     * A server's bandwidth limit ({@code sync.<name>.max-rate}); unlimited when the server is not configured.
     *
     * @param name {@code source} or {@code sink}
     */
    public Bandwidth bandwidth(String name) {
        return bandwidth(name, name.equals("sink") ? sink : source);
    }

    private static Bandwidth bandwidth(String name, Connection c) {
        try {
            return c == null ? Bandwidth.UNLIMITED : Bandwidth.parse(c.maxRate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sync." + name + ".max-rate: " + e.getMessage(), e);
        }
    }

    /**
     * One SFTP server; {@link #toString()} hides the secrets.
     *
     * @param passwordFile a file holding the password (instead of {@code password}), read at start
     * @param maxRate      bytes per second to and from this server, all transfers of the process together: a rate
     *                     ({@code 10MB}) or a daily timetable ({@code 08:00,512KB 19:00,10MB 23:00,off}); unset or
     *                     {@code off} for none
     */
    public record Connection(
            String host,
            @Min(1) @Max(65535) @DefaultValue("22") int port,
            String username,
            String password,
            Path passwordFile,
            Path privateKey,
            String privateKeyPassphrase,
            @DefaultValue(".") String basePath,
            String maxRate) {

        /**
         * The password, from {@code password} or read from {@code password-file}; {@code null} without either.
         *
         * @param name {@code source} or {@code sink}, for the messages
         */
        public String resolvePassword(String name) {
            if (password != null && passwordFile != null) {
                throw new IllegalStateException("sync." + name + ".password and sync." + name
                        + ".password-file are both set: keep one (the file keeps the password off the command line)");
            }
            return passwordFile != null ? PasswordFile.read("sync." + name + ".password-file", passwordFile)
                    : password;
        }

        @Override
        public String toString() {
            return "Connection[" + username + "@" + host + ":" + port + " " + basePath
                    + (password != null ? " password=****" : "")
                    + (passwordFile != null ? " password-file=" + passwordFile : "") + (privateKey != null ? " key=" + privateKey : "")
                    + (maxRate != null ? " max-rate=" + maxRate : "") + "]";
        }
    }
}
