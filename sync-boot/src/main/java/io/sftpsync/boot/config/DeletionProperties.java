package io.sftpsync.boot.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sync.delete.*}: whether a scan removes the sink files the source no longer has, as {@code rclone sync} and
 * {@code lftp mirror --delete} do. Off by default. The scanner applies them; here rather than in the scanner's
 * module because they are a sync's policy (as {@code sync.thresholds} are), under their own prefix.
 *
 * @param enabled     remove sink files the source does not have, once the copies of the scan that found them
 *                    succeeded
 * @param backupDir   an absolute directory at the sink, outside its base path: removed files are moved there (their
 *                    relative path, plus a {@code .yyyyMMdd'T'HHmmss'Z'} suffix) instead of deleted; unset deletes
 * @param max         a scan that would remove more files than this removes none and raises a MASS_DELETION anomaly
 * @param maxFraction a scan that would remove more than this fraction of the sink files it listed removes none and
 *                    raises a MASS_DELETION anomaly (1 turns this guard off)
 */
@Validated
@ConfigurationProperties(prefix = "sync.delete")
public record DeletionProperties(
        @DefaultValue("false") boolean enabled,
        String backupDir,
        @Min(0) @DefaultValue("100") int max,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double maxFraction) {

    public DeletionProperties {
        if (backupDir != null && backupDir.isBlank()) {
            backupDir = null;
        }
        if (backupDir != null) {
            if (!backupDir.startsWith("/")) {
                throw new IllegalArgumentException("sync.delete.backup-dir must be an absolute path at the sink, was '"
                        + backupDir + "'");
            }
            String normal = normal(backupDir);
            if (normal == null) {
                throw new IllegalArgumentException("sync.delete.backup-dir must not contain '..', was '" + backupDir
                        + "'");
            }
            backupDir = normal;
        }
    }

    /**
     * Refuses a backup directory inside the sink's base path (when that path is absolute and has no ".."; the
     * scanner checks the real paths on the server again before it moves anything): the scan would find the backups
     * as sink files the source lacks, and move them again.
     *
     * @param sinkBasePath {@code sync.sink.base-path} as configured
     * @throws IllegalArgumentException naming both settings
     */
    public void checkOutside(String sinkBasePath) {
        String base = sinkBasePath == null || !sinkBasePath.startsWith("/") ? null : normal(sinkBasePath);
        if (backupDir != null && base != null && inside(backupDir, base)) {
            throw new IllegalArgumentException("sync.delete.backup-dir (" + backupDir + ") must be outside the sink's"
                    + " base path sync.sink.base-path (" + sinkBasePath + ")");
        }
    }

    /** Whether {@code dir} is {@code base} or below it; both absolute and normal. */
    public static boolean inside(String dir, String base) {
        return dir.equals(base) || base.equals("/") || dir.startsWith(base + "/");
    }

    /** An absolute path without "." segments, repeated or trailing slashes; null when it has "..". */
    static String normal(String path) {
        StringBuilder out = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                return null;
            }
            out.append('/').append(part);
        }
        return out.isEmpty() ? "/" : out.toString();
    }
}
