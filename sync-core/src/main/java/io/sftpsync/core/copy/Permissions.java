package io.sftpsync.core.copy;

import org.apache.sshd.sftp.client.SftpClient.Attribute;
import org.apache.sshd.sftp.client.SftpClient.Attributes;

/**
 * Mode bits at the sink: a temporary is created owner-only, so no other local user can open it (and keep it
 * open) while it fills; the published file gets the source's permission bits. Only rwx for owner, group and
 * others are copied: set-user-id, set-group-id and sticky bits from another machine are not given to the sink
 * user's files.
 */
public final class Permissions {

    /** No mode known or wanted: the server decides (0666 less its umask for a new file, with OpenSSH). */
    public static final int UNKNOWN = -1;
    /** What a temporary is created with. */
    public static final int OWNER_ONLY = 0600;
    private static final int COPIED = 0777;

    private Permissions() {
    }

    /**
     * The permission bits to give a copy of a file with these attributes.
     *
     * @return rwx bits for owner, group and others, or {@link #UNKNOWN} when the server sent none
     */
    public static int of(Attributes attributes) {
        return attributes.getFlags().contains(Attribute.Perms) ? attributes.getPermissions() & COPIED : UNKNOWN;
    }

    /**
     * Whether a mode may be set before the temporary is checked: a checksum re-read must still be able to open it,
     * so a mode without the owner's read bit is set only after the check.
     */
    static boolean readableByOwner(int mode) {
        return mode == UNKNOWN || (mode & 0400) != 0;
    }
}
