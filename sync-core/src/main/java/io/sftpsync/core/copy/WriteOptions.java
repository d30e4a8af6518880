package io.sftpsync.core.copy;

/**
 * How a copy writes at the sink beyond its bytes.
 *
 * @param fsync               fsync the complete temporary (fsync@openssh.com, where offered) before it is checked
 *                            and renamed, so a reported success means the bytes are on the sink's disk
 * @param preservePermissions create the temporary owner-only and give the published file the source's permission
 *                            bits; when false the sink's default mode for new files applies to both
 */
public record WriteOptions(boolean fsync, boolean preservePermissions) {

    /** Durable, with the source's permission bits. */
    public static final WriteOptions DEFAULT = new WriteOptions(true, true);

    /** The mode the temporary is created with. */
    int temporaryMode() {
        return preservePermissions ? Permissions.OWNER_ONLY : Permissions.UNKNOWN;
    }

    /** The mode the published file gets, from the source's. */
    int publishedMode(int sourceMode) {
        return preservePermissions ? sourceMode : Permissions.UNKNOWN;
    }
}
