package io.sftpsync.core.sftp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One SFTP server and the account and directory on it. {@link #toString()} never shows secrets.
 *
 * @param name                 "source" or "sink": used in log and error messages
 * @param password             password, or null for key authentication
 * @param privateKey           private key file (OpenSSH or PEM format), or null
 * @param privateKeyPassphrase passphrase of the key, or null
 * @param basePath             directory on the server that paths on events are relative to
 */
public record SftpEndpoint(String name, String host, int port, String username, String password, Path privateKey,
        String privateKeyPassphrase, String basePath) {

    public SftpEndpoint {
        Objects.requireNonNull(name, "name");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(name + ".host must be set");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + ".port must be between 1 and 65535, was " + port);
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException(name + ".username must be set");
        }
        if ((password == null || password.isEmpty()) && privateKey == null) {
            throw new IllegalArgumentException(name + ": set a password or a private-key");
        }
        if (basePath == null || basePath.isBlank()) {
            basePath = ".";
        }
    }

    /** user@host:port/basePath, for messages. */
    public String describe() {
        return username + "@" + host + ":" + port + (basePath.startsWith("/") ? "" : "/") + basePath;
    }

    @Override
    public String toString() {
        return "SftpEndpoint[" + name + " " + describe() + (password != null ? ", password=****" : "")
                + (privateKey != null ? ", privateKey=" + privateKey : "")
                + (privateKeyPassphrase != null ? ", passphrase=****" : "") + "]";
    }
}
