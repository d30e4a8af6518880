package io.sftpsync.db.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a data directory whose first start completed from one that an interrupted first start left behind: an
 * initdb killed half way (a container or a process group killed during the very first start) leaves a directory
 * that zonky takes for a cluster as soon as {@code postgresql.conf} exists. The marker is written once the first
 * start succeeded, before any service could write to the database, so a directory without it holds nothing worth
 * keeping: it is moved aside (not deleted) and initialised anew.
 */
final class FirstStart {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    static final String MARKER = "sftp-sync-initialized";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private FirstStart() {
    }

    /**
     * Moves {@code dataDirectory} aside when it has content but no marker, leaving an empty directory in its place.
     *
     * @return where the content went, or {@code null} when the directory was complete or empty
     */
    static Path moveAsideIfIncomplete(Path dataDirectory) throws IOException {
        if (Files.exists(dataDirectory.resolve(MARKER))) {
            return null;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dataDirectory)) {
            entries = list.toList();
        }
        if (entries.stream().allMatch(p -> p.getFileName().toString().equals(DataDirectoryLock.FILE_NAME))) {
            // initdb wants an empty directory; a lock file alone holds nothing.
            for (Path p : entries) {
                Files.delete(p);
            }
            return null;
        }
        Path aside = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".incomplete-"
                + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)));
        Files.move(dataDirectory, aside);
        Files.createDirectories(dataDirectory);
        log.warn("{} was left by an interrupted first start (no {} marker): moved it to {} and initialising anew",
                dataDirectory, MARKER, aside);
        return aside;
    }

    /** Records that the server on {@code dataDirectory} started at least once. */
    static void markComplete(Path dataDirectory) throws IOException {
        Path marker = dataDirectory.resolve(MARKER);
        if (!Files.exists(marker)) {
            Files.writeString(marker, "initialised and started by sftp-sync; without this file the directory is"
                    + " taken for the remains of an interrupted first start\n");
        }
    }
}
