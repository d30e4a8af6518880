package io.sftpsync.boot.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Mode bits of what the copies write at the sink. Shared because both transfer services publish files.
 *
 * @param preserve temporaries are created owner-only (0600) and a published file gets the source's permission
 *                 bits (rwx for owner, group, others); when false the sink's default for a new file applies to both
 *                 (OpenSSH: 0666 less the umask of its sftp-server, 0644 with the usual 022)
 */
@Validated
@ConfigurationProperties(prefix = "sync.permissions")
public record PermissionsProperties(@DefaultValue("true") boolean preserve) {
}
