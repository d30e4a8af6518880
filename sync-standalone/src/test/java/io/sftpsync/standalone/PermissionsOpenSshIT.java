package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.core.copy.WriteOptions;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpEndpoint;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mode bits of the small/medium copy between two real OpenSSH servers, whose sftp-server creates files with the
 * mode of the open request less its umask: temporaries owner-only, published files with the source's bits, and
 * with preservation off OpenSSH's default. Every copy here also sends fsync@openssh.com to the real server.
 */
class PermissionsOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-modes");
    static final long[] SIZES = {100, 400_000};
    static OpenSshPair servers;
    static SftpConnector connector;
    static SftpPool source;
    static SftpPool sink;
    final FileCopier copier = new FileCopier();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        servers = OpenSshPair.shared().tree("modes");
        connector = new SftpConnector(Path.of(servers.get("KNOWN_HOSTS")), HostKeyPolicy.STRICT);
        source = connector.pool(endpoint("source", "SOURCE"), SftpTuning.DEFAULT);
        sink = connector.pool(endpoint("sink", "SINK"), SftpTuning.DEFAULT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
    }

    @Test
    void a0600FileArrives0600AndA0755FileArrives0755() throws IOException {
        for (long size : SIZES) {
            for (String mode : List.of("rw-------", "rwxr-xr-x")) {
                String path = "modes/" + size + "-" + mode + ".bin";
                sourceFile(path, size, mode);

                copier.copy(source, sink, path, size, TreeFixture.YESTERDAY);

                assertThat(mode(servers.sinkRoot().resolve(path))).as("%d bytes", size).isEqualTo(mode);
            }
        }
    }

    @Test
    void theTemporaryIsCreatedOwnerOnly() throws IOException {
        for (long size : SIZES) {
            // Not readable by its owner (root; the source user reads it as one of the others): the mode is given
            // after the check, which sees the temporary as it was created.
            String path = "created/" + size + ".bin";
            Path file = servers.sourceRoot().resolve(path);
            TreeFixture.write(servers.sourceRoot(), path, (int) size, TreeFixture.YESTERDAY, new SplittableRandom(1));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-r--r--"));
            List<String> atCheck = new ArrayList<>();

            copier.copy(source, sink, path, size, TreeFixture.YESTERDAY,
                    (dst, temporary, written) -> atCheck.add(mode(servers.sinkRoot().resolve(path).resolveSibling(
                            Path.of(temporary).getFileName().toString()))));

            assertThat(atCheck).as("%d bytes", size).containsExactly("rw-------");
            assertThat(mode(servers.sinkRoot().resolve(path))).isEqualTo("-w-r--r--");
        }
    }

    @Test
    void withPreservationOffOpenSshsDefaultApplies() throws IOException {
        for (long size : SIZES) {
            String path = "off/" + size + ".bin";
            sourceFile(path, size, "rwx------");

            copier.copy(source, sink, path, size, TreeFixture.YESTERDAY, (dst, temporary, written) -> { },
                    new WriteOptions(true, false));

            assertThat(mode(servers.sinkRoot().resolve(path))).as("0666 less sftp-server's umask 022")
                    .isEqualTo("rw-r--r--");
        }
    }

    private static SftpEndpoint endpoint(String name, String side) {
        return new SftpEndpoint(name, "127.0.0.1", Integer.parseInt(servers.get(side + "_PORT")),
                servers.get(side + "_USER"), servers.get(side + "_PASSWORD"), null, null, servers.basePath());
    }

    /** A source file owned by the source's login user, so that a mode without read for others still serves. */
    private static void sourceFile(String path, long size, String mode) throws IOException {
        Path file = servers.sourceRoot().resolve(path);
        TreeFixture.write(servers.sourceRoot(), path, (int) size, TreeFixture.YESTERDAY, new SplittableRandom(size));
        UserPrincipal user = file.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(servers.get("SOURCE_USER"));
        for (Path p = file; !p.equals(servers.sourceRoot()); p = p.getParent()) {
            Files.setOwner(p, user);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
