package io.sftpsync.boot.config;

import io.sftpsync.core.sftp.SftpTuning;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * SSH connection pool and throughput settings, per server, and how {@code /actuator/health} checks the servers.
 *
 * @param healthTimeout how long a health check waits for a server (connect, login, stat of the base path)
 * @param healthCache   how long a health check's answer is reused, so health calls do not hammer the servers
 * @param serverMaxSessions the servers' {@code MaxSessions} (channels one connection may open; OpenSSH's default
 *                          10): {@code channels-per-session} may not exceed it, since the server refuses the
 *                          channels beyond it
 */
@Validated
@ConfigurationProperties(prefix = "sync.sftp")
public record SshTuningProperties(
        @Min(1) @Max(64) @DefaultValue("4") int sessions,
        @Min(1) @Max(64) @DefaultValue("4") int channelsPerSession,
        @NotNull @DefaultValue("255KB") DataSize bufferSize,
        @NotNull @DefaultValue("2MB") DataSize windowSize,
        @NotNull @DefaultValue("15s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration keepAlive,
        @NotNull @DefaultValue("5s") Duration healthTimeout,
        @NotNull @DefaultValue("10s") Duration healthCache,
        @Min(1) @Max(1024) @DefaultValue("10") int serverMaxSessions) {

    public SshTuningProperties {
        if (channelsPerSession > serverMaxSessions) {
            throw new IllegalArgumentException("sync.sftp.channels-per-session (" + channelsPerSession + ") exceeds "
                    + "sync.sftp.server-max-sessions (" + serverMaxSessions + ", OpenSSH's default MaxSessions 10): "
                    + "the server would refuse the channels beyond it. Lower sync.sftp.channels-per-session, or raise "
                    + "MaxSessions in the servers' sshd_config and set sync.sftp.server-max-sessions to match");
        }
    }

    /** The pools' tuning, uncompressed; the connect timeout bounds authentication too. */
    public SftpTuning toCore() {
        return new SftpTuning(sessions, channelsPerSession, connectTimeout, connectTimeout, keepAlive,
                (int) bufferSize.toBytes(), windowSize.toBytes(), false);
    }
}
