package io.sftpsync.core.sftp;

/** What to do with a server's host key. */
public enum HostKeyPolicy {
    /** Only keys already in the known_hosts file are accepted; unknown or changed keys are refused. */
    STRICT,
    /** Unknown hosts are trusted on first use and their key appended to known_hosts; changed keys are still refused. */
    ACCEPT_NEW
}
