package io.sftpsync.core.paths;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names of files being written: {@code .<name>.sftp-sync-<8 hex>.tmp} in the target directory. Hidden and
 * recognisable, so listings skip them and a partial file never shows under its real name.
 */
public final class TempNames {

    private static final Pattern TEMPORARY = Pattern.compile("^\\..*\\.sftp-sync-[0-9a-f]+\\.tmp$", Pattern.DOTALL);
    /** {@link #forName}'s: 8 hex digits; a transfer's carries its 32-digit id. */
    private static final Pattern COPY_TEMPORARY = Pattern.compile("^\\..*\\.sftp-sync-[0-9a-f]{8}\\.tmp$",
            Pattern.DOTALL);
    private static final Pattern PREVIOUS_VERSION = Pattern.compile("^\\..*\\.sftp-sync-[0-9a-f]{8}\\.prev$",
            Pattern.DOTALL);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Keeps the temporary name within NAME_MAX (255 bytes) even for long UTF-8 names. */
    private static final int MAX_NAME_CHARS = 60;

    private TempNames() {
    }

    /** A fresh temporary name for a file name. */
    public static String forName(String name) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return named(name, HexFormat.of().formatHex(random));
    }

    /**
     * Where a replaced file's previous version waits, on a server without an atomic rename, until its new version
     * has its name: {@code .<name>.sftp-sync-<8 hex>.prev}. Not a temporary: nothing removes one found later, as
     * it may be the only copy of that version.
     */
    public static String forPreviousVersion(String name) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return "." + stem(name) + ".sftp-sync-" + HexFormat.of().formatHex(random) + ".prev";
    }

    /**
     * The temporary name of one transfer, the same on every attempt, so a resumed transfer finds its file.
     *
     * @param name       the file name
     * @param transferId lowercase hex, at most 32 digits
     */
    public static String forTransfer(String name, String transferId) {
        if (!transferId.matches("[0-9a-f]{1,32}")) {
            throw new IllegalArgumentException("a transfer id is 1 to 32 lowercase hex digits: " + transferId);
        }
        return named(name, transferId);
    }

    /**
     * The temporary of one transfer of a file, beside it: {@link #forTransfer} in the file's directory.
     *
     * @param relativePath the file
     * @param transferId   lowercase hex, at most 32 digits
     * @return the temporary's path relative to the same base path
     */
    public static String transferTemporary(String relativePath, String transferId) {
        return RelativePath.resolve(RelativePath.parent(relativePath), forTransfer(RelativePath.name(relativePath),
                transferId));
    }

    private static String named(String name, String hex) {
        return "." + stem(name) + ".sftp-sync-" + hex + ".tmp";
    }

    private static String stem(String name) {
        String stem = name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) : name;
        if (Character.isHighSurrogate(stem.charAt(stem.length() - 1))) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return stem;
    }

    /**
     * Whether a file name is one of ours.
     *
     * @param name a file name, without its directory
     * @return true for a temporary name of a copy in progress (or one cut off)
     */
    public static boolean isTemporary(String name) {
        return TEMPORARY.matcher(name).matches();
    }

    /**
     * Whether a file name is the temporary of a single copy ({@link #forName}), which nothing resumes: one
     * left behind by a copy cut off is garbage once it is old. A resumable transfer's temporary is not.
     *
     * @param name a file name, without its directory
     * @return true for a single copy's temporary name
     */
    public static boolean isCopyTemporary(String name) {
        return COPY_TEMPORARY.matcher(name).matches();
    }

    /**
     * Whether a file name is a previous version kept aside ({@link #forPreviousVersion}): possibly the only copy of
     * that version, so nothing removes it on its own.
     *
     * @param name a file name, without its directory
     */
    public static boolean isPreviousVersion(String name) {
        return PREVIOUS_VERSION.matcher(name).matches();
    }
}
