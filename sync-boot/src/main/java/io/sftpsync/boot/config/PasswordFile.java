package io.sftpsync.boot.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a password from a file ({@code sync.source.password-file}), so it never appears on a command line where
 * {@code ps} shows it. One trailing line break is removed ({@code echo pw > file} adds it); a file that group or
 * others may read is used with a warning, as mounted secrets often are.
 */
public final class PasswordFile {

    private static final Logger log = LoggerFactory.getLogger(PasswordFile.class);

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private PasswordFile() {
    }

    /**
     * @param setting the property that names the file, for the messages ({@code sync.source.password-file})
     * @param file    the file
     * @return its content without one trailing {@code \n} or {@code \r\n}
     * @throws IllegalStateException when the file is missing, unreadable or empty, naming the setting and the file
     */
    public static String read(String setting, Path file) {
        String content;
        try {
            warnIfOthersMayRead(setting, file);
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(setting + ": " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalStateException(setting + ": cannot read " + file + ": " + e, e);
        }
        if (content.endsWith("\r\n")) {
            content = content.substring(0, content.length() - 2);
        } else if (content.endsWith("\n")) {
            content = content.substring(0, content.length() - 1);
        }
        if (content.isEmpty()) {
            throw new IllegalStateException(setting + ": " + file + " is empty");
        }
        return content;
    }

    private static void warnIfOthersMayRead(String setting, Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            log.warn("{}: {} may be read by other users ({}): chmod 600 {}", setting, file,
                    PosixFilePermissions.toString(permissions), file);
        }
    }
}
