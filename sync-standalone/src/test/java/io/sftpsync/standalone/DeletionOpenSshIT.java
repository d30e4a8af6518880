package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deletions ({@code sync.delete.enabled}) by the packaged jar in once mode between two real OpenSSH servers, one
 * test per guard: the sink files the source lacks are listed by a dry run, then moved into the backup directory once
 * the copies succeeded; more than {@code sync.delete.max} of them, or more than {@code sync.delete.max-fraction} of
 * the sink (a source that looks empty), are all left and a MASS_DELETION raised; a failed copy leaves them all. Each
 * test has a base path of its own on both servers.
 */
class DeletionOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-deletions");
    static OpenSshPair servers;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        servers = OpenSshPair.shared().tree("deletions");
    }

    @Test
    void aDryRunListsTheSinkFilesTheSourceLacksThenARunMovesThemToTheBackupDirectoryAfterTheCopies()
            throws Exception {
        String base = "mirror";
        paired(base, 10);
        source(base, "new/arrived.txt", 500);
        sink(base, "old/a.txt", 100);
        sink(base, "old/deeper/b c.txt", 200);
        sink(base, "top.txt", 300);
        Map<String, String> sinkBefore = TreeFixture.snapshot(sinkBase(base));
        Path trash = sinkChroot().resolve("trash");
        LocalResources.deleteTree(trash);
        Files.createDirectories(trash);
        ownedBySinkUser(trash);

        StandaloneJar.Result dryRun = once(base, "--sync.scan.dry-run=true", "--sync.delete.backup-dir=/trash");

        assertThat(dryRun.exit()).as(dryRun.output()).isZero();
        assertThat(dryRun.output()).contains("dry run: would delete 3 sink file(s) the source lacks")
                .contains("  old/a.txt (100 bytes)").contains("  old/deeper/b c.txt (200 bytes)")
                .contains("  top.txt (300 bytes)");
        assertThat(TreeFixture.snapshot(sinkBase(base))).isEqualTo(sinkBefore);

        StandaloneJar.Result run = once(base, "--sync.delete.backup-dir=/trash");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("deleted 3 sink file(s) the source lacks (3 moved to"
                + " sync.delete.backup-dir)").contains("exit 0: everything synced");
        assertThat(TreeFixture.snapshot(sinkBase(base))).isEqualTo(TreeFixture.snapshot(sourceBase(base)));
        Map<String, String> moved = TreeFixture.snapshot(trash);
        assertThat(moved.keySet()).hasSize(3).allMatch(p -> p.matches(".*\\.\\d{8}T\\d{6}Z"));
        for (String path : List.of("old/a.txt", "old/deeper/b c.txt", "top.txt")) {
            assertThat(moved).as(path).containsValue(sinkBefore.get(path));
            assertThat(moved.keySet()).as(path).anyMatch(p -> p.startsWith(path + "."));
        }
    }

    @Test
    void moreSinkFilesToDeleteThanMaxAreAllLeftAndAMassDeletionIsRaised() throws Exception {
        String base = "max-guard";
        paired(base, 20);
        for (int i = 0; i < 3; i++) {
            sink(base, "stale/" + i + ".txt", 10 + i);
        }
        Map<String, String> sinkBefore = TreeFixture.snapshot(sinkBase(base));

        StandaloneJar.Result run = once(base, "--sync.delete.max=2");

        assertThat(run.exit()).as(run.output()).isEqualTo(4);
        assertThat(run.output()).contains("deletions withheld, none deleted: 3 sink files the source lacks: more than"
                + " sync.delete.max=2 (a MASS_DELETION anomaly)").contains("CRITICAL MASS_DELETION");
        assertThat(TreeFixture.snapshot(sinkBase(base))).isEqualTo(sinkBefore);
    }

    @Test
    void aSourceThatLooksEmptyEmptiesNothingByTheFractionGuard() throws Exception {
        String base = "empty-source";
        Files.createDirectories(sourceBase(base));
        ownedBySourceUser(sourceBase(base));
        for (int i = 0; i < 8; i++) {
            sink(base, "data/" + i + ".csv", 100 + i);
        }
        Map<String, String> sinkBefore = TreeFixture.snapshot(sinkBase(base));

        StandaloneJar.Result run = once(base);

        assertThat(run.exit()).as(run.output()).isEqualTo(4);
        assertThat(run.output()).contains("deletions withheld, none deleted: 8 of the 8 sink files (100 %) are missing"
                + " at the source: more than sync.delete.max-fraction=0.5").contains("CRITICAL MASS_DELETION");
        assertThat(TreeFixture.snapshot(sinkBase(base))).isEqualTo(sinkBefore);
    }

    @Test
    void aFailedCopyLeavesEverySinkFileTheSourceLacks() throws Exception {
        String base = "failed-copy";
        paired(base, 10);
        // Root's and unreadable to the source's login: its copy fails.
        Path unreadable = source(base, "locked.bin", 1_000);
        Files.setOwner(unreadable, unreadable.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("root"));
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        sink(base, "stale.txt", 10);

        StandaloneJar.Result run = once(base, "--sync.transfer.max-attempts=1");

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("FAILED locked.bin").contains("deletions skipped: 1 sink file(s) the source"
                + " lacks stay, as a transfer failed; the next run decides again");
        assertThat(sinkBase(base).resolve("stale.txt")).exists();
    }

    private StandaloneJar.Result once(String base, String... options) throws Exception {
        Path data = Files.createTempDirectory(WORK, "data-");
        List<String> command = StandaloneJar.withPasswords(StandaloneJar.command(servers, "once", data), servers);
        StandaloneJar.set(command, "--sync.source.base-path", servers.basePath() + "/" + base);
        StandaloneJar.set(command, "--sync.sink.base-path", servers.basePath() + "/" + base);
        command.add("--sync.delete.enabled=true");
        command.addAll(List.of(options));
        return StandaloneJar.finish(StandaloneJar.start(command, WORK));
    }

    /** {@code n} files the same on both sides. */
    private static void paired(String base, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Path s = source(base, "same/" + i + ".dat", 1_000 + i);
            Path d = sinkBase(base).resolve("same/" + i + ".dat");
            Files.createDirectories(d.getParent());
            Files.copy(s, d);
            Files.setLastModifiedTime(d, Files.getLastModifiedTime(s));
            ownedBySinkUser(d);
        }
    }

    private static Path source(String base, String path, int size) throws IOException {
        TreeFixture.write(sourceBase(base), path, size, TreeFixture.YESTERDAY, new SplittableRandom(path.hashCode()));
        Path file = sourceBase(base).resolve(path);
        ownedBySourceUser(file);
        return file;
    }

    private static void sink(String base, String path, int size) throws IOException {
        TreeFixture.write(sinkBase(base), path, size, TreeFixture.YESTERDAY, new SplittableRandom(-path.hashCode()));
        ownedBySinkUser(sinkBase(base).resolve(path));
    }

    private static Path sourceBase(String base) {
        return servers.sourceRoot().resolve(base);
    }

    private static Path sinkBase(String base) {
        return servers.sinkRoot().resolve(base);
    }

    /** Owned by the sink's login, with its directories up to the chroot, so that it may remove and create there. */
    private static void ownedBySinkUser(Path file) throws IOException {
        chown(file, sinkChroot(), servers.get("SINK_USER"));
    }

    private static void ownedBySourceUser(Path file) throws IOException {
        chown(file, Path.of(servers.get("SOURCE_ROOT")).getParent(), servers.get("SOURCE_USER"));
    }

    /** The sink's chroot: its "/" as the sink's login sees it. */
    private static Path sinkChroot() {
        return Path.of(servers.get("SINK_ROOT")).getParent();
    }

    /** Gives the file and its directories below the chroot to the user. */
    private static void chown(Path file, Path chroot, String user) throws IOException {
        UserPrincipal owner = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        List<Path> up = new ArrayList<>();
        for (Path p = file; p != null && p.startsWith(chroot) && !p.equals(chroot); p = p.getParent()) {
            up.add(p);
        }
        for (Path p : up) {
            Files.setOwner(p, owner);
        }
    }
}
