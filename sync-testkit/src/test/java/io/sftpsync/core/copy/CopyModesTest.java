package io.sftpsync.core.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mode bits of the small and the streamed copy: the temporary is created owner-only, the published file has the
 * source's permission bits (or, with preservation off, the sink's default for a new file).
 */
class CopyModesTest {

    static final Instant MTIME = Instant.parse("2024-03-01T10:15:30Z");
    static final long[] SIZES = {10, 300 * 1024};

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SftpPair servers = new SftpPair();
    final FileCopier copier = new FileCopier();

    @Test
    void anOwnerOnlySourceArrivesOwnerOnlyAndAnExecutableArrivesExecutable() throws IOException {
        for (long size : SIZES) {
            for (String mode : List.of("rw-------", "rwxr-xr-x", "rw-r-----")) {
                String path = "modes/" + size + "-" + mode + ".bin";
                source(path, size, mode);

                copier.copy(servers.source(), servers.sink(), path, size, MTIME);

                assertThat(mode(servers.sinkData(path))).as("%d bytes", size).isEqualTo(mode);
            }
        }
    }

    @Test
    void theTemporaryIsOwnerOnlyWhileItIsWrittenAndChecked() throws IOException {
        for (long size : SIZES) {
            // Not readable by its owner: the mode is given after the check, so the check sees the created mode.
            String path = "created/" + size + ".bin";
            source(path, size, "-w-------");
            List<String> atCheck = new ArrayList<>();

            copier.copy(servers.source(), servers.sink(), path, size, MTIME,
                    (dst, temporary, written) -> atCheck.add(mode(local(temporary))));

            assertThat(atCheck).as("%d bytes", size).containsExactly("rw-------");
            assertThat(mode(servers.sinkData(path))).isEqualTo("-w-------");
        }
    }

    @Test
    void setIdAndStickyBitsAreNotCopied() throws IOException {
        for (long size : SIZES) {
            String path = "setid/" + size + ".bin";
            source(path, size, "rwxr-xr-x");
            // java.nio cannot set the set-user-id bit; chmod can.
            chmod("4755", servers.sourceData(path));

            copier.copy(servers.source(), servers.sink(), path, size, MTIME);

            assertThat(servers.sinkData(path).toFile().canExecute()).isTrue();
            assertThat(rawMode(servers.sinkData(path))).as("%d bytes", size).isEqualTo(0755);
        }
    }

    @Test
    void withPreservationOffTheSinkDefaultApplies() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        String sinkDefault = mode(probe);
        for (long size : SIZES) {
            String path = "off/" + size + ".bin";
            source(path, size, "rwx------");
            List<String> atCheck = new ArrayList<>();

            copier.copy(servers.source(), servers.sink(), path, size, MTIME,
                    (dst, temporary, written) -> atCheck.add(mode(local(temporary))), new WriteOptions(true, false));

            assertThat(atCheck).containsExactly(sinkDefault);
            assertThat(mode(servers.sinkData(path))).isEqualTo(sinkDefault);
        }
    }

    private static void source(String path, long size, String mode) throws IOException {
        Path file = TestFiles.random(servers.sourceData(path), size, path.hashCode(), MTIME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    /** A sink path as a local one: the in-process sink serves its root as "/". */
    private static Path local(String sinkPath) {
        return servers.sinkServer().root().resolve(sinkPath.substring(1));
    }

    private static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int rawMode(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:mode") & 07777;
    }

    private static void chmod(String mode, Path file) throws IOException {
        try {
            Process p = new ProcessBuilder("chmod", mode, file.toString()).inheritIO().start();
            assertThat(p.waitFor()).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
