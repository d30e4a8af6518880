package io.sftpsync.core.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteWalkerTest {

    static final Instant MTIME = Instant.parse("2023-11-12T13:14:15Z");
    static final List<String> FILES = List.of("a-b", "a/b", "a/c/d.txt", "a.txt", "b/x y.txt", "b/ünï.txt",
            "b/new\nline", "z", "-dash", "A", "dir/sub/deep/file", "dir/sub-file", "dir/sub.file", "q'\"uote");

    @TempDir
    static Path dir;
    static InProcessSftpServer server;
    static SftpConnector connector;
    static Path tree;

    @BeforeAll
    static void start() throws IOException {
        server = InProcessSftpServer.builder(dir.resolve("root")).unlistable("forbidden").start();
        Path knownHosts = dir.resolve("known_hosts");
        server.writeKnownHosts(knownHosts);
        connector = new SftpConnector(knownHosts, HostKeyPolicy.STRICT);
        tree = server.root().resolve("tree");
        for (String f : FILES) {
            write(tree.resolve(f), f);
        }
        Files.createDirectories(tree.resolve("empty/dir"));
        write(tree.resolve(".hidden"), ".hidden");
        write(tree.resolve("dir/.file.txt.sftp-sync-0123abcd.tmp"), "a copy in progress");
        write(server.root().resolve("outside/target.txt"), "reached through a link");
        Files.createSymbolicLink(tree.resolve("link-to-file"), Paths.get("a.txt"));
        Files.createSymbolicLink(tree.resolve("link-to-dir"), Paths.get("../outside"));
        Files.createSymbolicLink(tree.resolve("dir/sub/loop"), Paths.get(".."));
        Files.createSymbolicLink(tree.resolve("dangling"), Paths.get("nowhere"));
        Files.createSymbolicLink(tree.resolve("link-inside"), Paths.get("a/../a/c"));
        Files.createSymbolicLink(tree.resolve("chain"), Paths.get("b/../link-to-dir"));
        Files.createSymbolicLink(tree.resolve("file-outside"), Paths.get("../outside/target.txt"));
        Files.createSymbolicLink(tree.resolve("ping"), Paths.get("pong"));
        Files.createSymbolicLink(tree.resolve("pong"), Paths.get("ping"));
        // Outside /tree: MINA's readdir (unlike OpenSSH's) reports a named pipe as a regular file.
        mkfifo(server.root().resolve("special/fifo"));
    }

    @AfterAll
    static void stop() throws IOException {
        connector.close();
        server.close();
    }

    @Test
    void yieldsEveryRegularFileInPathOrderSkippingLinksAndTemporaries() {
        List<ListingError> errors = new ArrayList<>();

        List<RemoteFile> files = walk("/tree", new WalkOptions(false, false), errors);

        List<String> expected = Stream.concat(FILES.stream(), Stream.of(".hidden")).sorted(RemoteWalker.PATH_ORDER)
                .toList();
        assertThat(files).extracting(RemoteFile::path).containsExactlyElementsOf(expected);
        assertThat(files).allSatisfy(f -> {
            assertThat(f.size()).isEqualTo(f.path().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            assertThat(f.mtime()).isEqualTo(MTIME);
        });
        assertThat(errors).isEmpty();
    }

    @Test
    void theServerRootWorksAsABasePath() {
        List<ListingError> errors = new ArrayList<>();

        List<RemoteFile> files = walk("/", new WalkOptions(false, false), errors);

        assertThat(errors).extracting(ListingError::path).containsExactly("forbidden");
        assertThat(files).extracting(RemoteFile::path).contains("tree/a/b", "outside/target.txt");
    }

    @Test
    void followsLinksInsideTheBasePathAndReportsLoopsAndLinksLeadingOutside() {
        List<ListingError> errors = new ArrayList<>();

        List<RemoteFile> files = walk("/tree", new WalkOptions(true, false), errors);

        List<String> expected = Stream.concat(FILES.stream(), Stream.of(".hidden", "link-to-file",
                "link-inside/d.txt")).sorted(RemoteWalker.PATH_ORDER).toList();
        assertThat(files).extracting(RemoteFile::path).containsExactlyElementsOf(expected);
        RemoteFile viaLink = files.stream().filter(f -> f.path().equals("link-to-file")).findFirst().orElseThrow();
        assertThat(viaLink.size()).isEqualTo("a.txt".length());
        assertThat(errors).filteredOn(e -> e.kind() == ListingError.Kind.LINK_OUTSIDE_BASE)
                .extracting(ListingError::path).containsExactly("chain", "file-outside", "link-to-dir");
        assertThat(errors).filteredOn(e -> e.path().equals("link-to-dir")).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(
                        "symlink to /outside, outside the base path /tree; not followed"));
        assertThat(errors).filteredOn(e -> e.kind() == ListingError.Kind.OTHER).extracting(ListingError::path)
                .containsExactly("dir/sub/loop", "ping", "pong");
        assertThat(errors).filteredOn(e -> e.kind() == ListingError.Kind.OTHER)
                .allSatisfy(e -> assertThat(e.reason()).contains("symlink loop"));
    }

    @Test
    void aLinkInsideTheBasePathMayLeadThroughItsParent() {
        List<ListingError> errors = new ArrayList<>();

        List<RemoteFile> files = walk("/", new WalkOptions(true, false), errors);

        // With the server root as the base path, every link leads inside it.
        assertThat(files).extracting(RemoteFile::path).contains("tree/link-to-dir/target.txt",
                "tree/file-outside", "tree/chain/target.txt");
        assertThat(errors).noneMatch(e -> e.kind() == ListingError.Kind.LINK_OUTSIDE_BASE);
    }

    @Test
    void reportsAnUnlistableDirectoryAndGoesOn() throws IOException {
        write(server.root().resolve("denied/a.txt"), "a");
        write(server.root().resolve("denied/forbidden/secret.txt"), "s");
        write(server.root().resolve("denied/z.txt"), "z");
        List<ListingError> errors = new ArrayList<>();

        List<RemoteFile> files = walk("/denied", new WalkOptions(false, false), errors);

        assertThat(files).extracting(RemoteFile::path).containsExactly("a.txt", "z.txt");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("forbidden");
            assertThat(e.reason()).contains("SSH_FX_PERMISSION_DENIED");
        });
    }

    @Test
    void reportsADirectoryThatVanishesBeforeItIsListed() throws IOException {
        write(server.root().resolve("vanish/a/1.txt"), "1");
        write(server.root().resolve("vanish/b/2.txt"), "2");
        write(server.root().resolve("vanish/c/3.txt"), "3");
        List<ListingError> errors = new ArrayList<>();
        Iterator<RemoteFile> walk = RemoteWalker.walk(pool("/vanish"), new WalkOptions(false, false), errors::add);

        assertThat(walk.next().path()).isEqualTo("a/1.txt");
        // The walk is lazy: "b" was seen in the listing of the base path but is listed only now.
        Files.delete(server.root().resolve("vanish/b/2.txt"));
        Files.delete(server.root().resolve("vanish/b"));
        List<String> rest = new ArrayList<>();
        walk.forEachRemaining(f -> rest.add(f.path()));

        assertThat(rest).containsExactly("c/3.txt");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("b");
            assertThat(e.reason()).contains("SSH_FX_NO_SUCH_FILE");
        });
    }

    @Test
    void aSubtreeYieldsItsFilesWithPathsRelativeToTheBasePath() {
        List<ListingError> errors = new ArrayList<>();

        assertThat(walk("/tree", new WalkOptions(false, false, "dir"), errors)).extracting(RemoteFile::path)
                .containsExactly("dir/sub/deep/file", "dir/sub-file", "dir/sub.file");
        assertThat(walk("/tree", new WalkOptions(false, false, "dir/sub"), errors)).extracting(RemoteFile::path)
                .containsExactly("dir/sub/deep/file");
        // "a" is not "a-b" or "a.txt", though they share its first letter.
        assertThat(walk("/tree", new WalkOptions(false, false, "a"), errors)).extracting(RemoteFile::path)
                .containsExactly("a/b", "a/c/d.txt");
        assertThat(errors).isEmpty();
    }

    @Test
    void aSubtreeThroughALinkIsWalkedOnlyWhenLinksAreFollowedAndItStaysInside() {
        List<ListingError> errors = new ArrayList<>();

        assertThat(walk("/tree", new WalkOptions(false, false, "link-inside"), errors)).isEmpty();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("link-inside");
            assertThat(e.reason()).isEqualTo("passes through the symbolic link /tree/link-inside and"
                    + " sync.scan.follow-symlinks is off; not scanned");
        });

        errors.clear();
        assertThat(walk("/tree", new WalkOptions(true, false, "link-inside"), errors)).extracting(RemoteFile::path)
                .containsExactly("link-inside/d.txt");
        assertThat(errors).isEmpty();

        assertThat(walk("/tree", new WalkOptions(true, false, "link-to-dir"), errors)).isEmpty();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.reason())
                .isEqualTo("passes through a symbolic link to /outside, outside the base path /tree; not scanned"));
    }

    @Test
    void aMissingSubtreeIsEmptyOnlyWhenAllowedAndAFileIsNoSubtree() {
        List<ListingError> errors = new ArrayList<>();

        assertThat(walk("/tree", new WalkOptions(false, true, "not/there"), errors)).isEmpty();
        assertThat(errors).isEmpty();

        assertThat(walk("/tree", new WalkOptions(false, false, "not/there"), errors)).isEmpty();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("not/there");
            assertThat(e.reason()).contains("SSH_FX_NO_SUCH_FILE");
        });

        errors.clear();
        assertThat(walk("/tree", new WalkOptions(false, true, "a.txt"), errors)).isEmpty();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.reason())
                .isEqualTo("/tree/a.txt is not a directory but a regular file; not scanned"));
    }

    @Test
    void aMissingBasePathIsEmptyOnlyWhenAllowed() {
        List<ListingError> errors = new ArrayList<>();

        assertThat(walk("/not/there", new WalkOptions(false, true), errors)).isEmpty();
        assertThat(errors).isEmpty();

        assertThat(walk("/not/there", new WalkOptions(false, false), errors)).isEmpty();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEmpty();
            assertThat(e.reason()).contains("SSH_FX_NO_SUCH_FILE");
        });
    }

    @Test
    void aBasePathThatCannotBeListedIsAnErrorEvenWhenMissingWouldBeFine() throws IOException {
        Files.createDirectories(server.root().resolve("forbidden"));
        List<ListingError> errors = new ArrayList<>();

        assertThat(walk("/forbidden", new WalkOptions(false, true), errors)).isEmpty();

        assertThat(errors).singleElement().satisfies(e -> assertThat(e.path()).isEmpty());
    }

    @Test
    void retriesAListingWhenTheConnectionDropsMidWalk() throws IOException {
        write(server.root().resolve("restart/a/1.txt"), "1");
        write(server.root().resolve("restart/b/2.txt"), "2");
        List<ListingError> errors = new ArrayList<>();
        SftpPool pool = connector.pool(server.endpoint("source", "/restart"), SftpTuning.DEFAULT);
        Iterator<RemoteFile> walk = RemoteWalker.walk(pool, new WalkOptions(false, false), errors::add);
        assertThat(walk.next().path()).isEqualTo("a/1.txt");

        // The pooled channel's connection dies; the next listing finds it dead and reconnects.
        server.stop();
        server.start();
        List<String> rest = new ArrayList<>();
        walk.forEachRemaining(f -> rest.add(f.path()));

        assertThat(rest).containsExactly("b/2.txt");
        assertThat(errors).isEmpty();
        pool.close();
    }

    @Test
    void aTemporaryIsDatedByItsLastWriteTheLaterOfMtimeAndAtime() throws IOException {
        // As a copy leaves it between giving it the source's times and renaming it: an old mtime, a fresh atime.
        Instant old = Instant.now().minus(java.time.Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Path written = tree.resolve("times/.copied.bin.sftp-sync-89abcdef.tmp");
        Path abandoned = tree.resolve("times/.cut-off.bin.sftp-sync-01234567.tmp");
        write(written, "verifying");
        write(abandoned, "left");
        Files.getFileAttributeView(written, java.nio.file.attribute.BasicFileAttributeView.class)
                .setTimes(java.nio.file.attribute.FileTime.from(old), java.nio.file.attribute.FileTime.from(now), null);
        Files.getFileAttributeView(abandoned, java.nio.file.attribute.BasicFileAttributeView.class)
                .setTimes(java.nio.file.attribute.FileTime.from(old), java.nio.file.attribute.FileTime.from(old), null);
        List<RemoteFile> temporaries = new ArrayList<>();

        try (RemoteFiles walk = RemoteWalker.walk(pool("/tree/times"), new WalkOptions(false, false), e -> { },
                temporaries::add, ListingMemory.defaults())) {
            walk.forEachRemaining(f -> { });
        }

        assertThat(temporaries).extracting(RemoteFile::path, RemoteFile::mtime).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(".copied.bin.sftp-sync-89abcdef.tmp", now),
                org.assertj.core.groups.Tuple.tuple(".cut-off.bin.sftp-sync-01234567.tmp", old));
    }

    @Test
    void aListingTooWideForMemorySpillsToDiskAndYieldsTheSameFilesInTheSameOrder() throws IOException {
        List<ListingError> inMemoryErrors = new ArrayList<>();
        List<RemoteFile> inMemory = walk("/tree", new WalkOptions(true, false), inMemoryErrors);
        List<ListingError> errors = new ArrayList<>();
        Path spill = dir.resolve("spill");
        List<RemoteFile> temporaries = new ArrayList<>();
        List<String> spillFilesMeanwhile = new ArrayList<>();

        List<RemoteFile> spilled = new ArrayList<>();
        try (RemoteFiles walk = RemoteWalker.walk(pool("/tree"), new WalkOptions(true, false), errors::add,
                temporaries::add, new ListingMemory(2, spill))) {
            walk.forEachRemaining(f -> {
                spilled.add(f);
                spillFilesMeanwhile.addAll(list(spill));
            });
        }

        assertThat(spilled).containsExactlyElementsOf(inMemory);
        assertThat(spillFilesMeanwhile).as("the base path's 16 entries went to disk").isNotEmpty();
        assertThat(temporaries).extracting(RemoteFile::path).containsExactly("dir/.file.txt.sftp-sync-0123abcd.tmp");
        assertThat(list(spill)).as("runs are removed once read").isEmpty();
        assertThat(errors).extracting(ListingError::path).contains("dir/sub/loop")
                .containsExactlyElementsOf(inMemoryErrors.stream().map(ListingError::path).toList());
    }

    @Test
    void closingAWalkHalfWayRemovesWhatItSpilled() {
        Path spill = dir.resolve("spill-closed");
        RemoteFiles walk = RemoteWalker.walk(pool("/tree"), new WalkOptions(false, false), e -> { }, t -> { },
                new ListingMemory(1, spill));
        assertThat(walk.next().path()).isEqualTo("-dash");
        assertThat(list(spill)).isNotEmpty();

        walk.close();

        assertThat(list(spill)).isEmpty();
    }

    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void statTellsFilesFromNothingAndRefusesDirectories() throws IOException {
        SftpPool pool = pool("/tree");

        assertThat(RemoteWalker.stat(pool, "a/c/d.txt")).hasValue(new RemoteFile("a/c/d.txt", 9, MTIME));
        assertThat(RemoteWalker.stat(pool, "a/c/none.txt")).isEmpty();
        assertThatThrownBy(() -> RemoteWalker.stat(pool, "a/c")).isInstanceOf(SftpOperationException.class)
                .hasMessageContaining("directory").hasMessageContaining("/tree/a/c");
        assertThatThrownBy(() -> RemoteWalker.stat(pool, "../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteWalker.stat(pool("/special"), "fifo")).isInstanceOf(SftpOperationException.class)
                .hasMessageContaining("special file");
    }

    @Test
    void pathOrderComparesComponentByComponent() {
        assertThat(RemoteWalker.PATH_ORDER.compare("a/b", "a-b")).isNegative();
        assertThat(RemoteWalker.PATH_ORDER.compare("a-b", "a/b")).isPositive();
        assertThat(RemoteWalker.PATH_ORDER.compare("a", "a/b")).isNegative();
        assertThat(RemoteWalker.PATH_ORDER.compare("a/b", "a/b")).isZero();
        assertThat(RemoteWalker.PATH_ORDER.compare("a/b/c", "a/bc")).isNegative();
        assertThat(RemoteWalker.PATH_ORDER.compare("B", "a")).isNegative();
        assertThat(Stream.of("a.txt", "a/z", "a-b", "a/b/c", "a0").sorted(RemoteWalker.PATH_ORDER).toList())
                .containsExactly("a/b/c", "a/z", "a-b", "a.txt", "a0");
    }

    private static List<RemoteFile> walk(String basePath, WalkOptions options, List<ListingError> errors) {
        List<RemoteFile> files = new ArrayList<>();
        RemoteWalker.walk(pool(basePath), options, errors::add).forEachRemaining(files::add);
        return files;
    }

    private static SftpPool pool(String basePath) {
        return connector.pool(server.endpoint("source", basePath), SftpTuning.DEFAULT.withPool(1, 2));
    }

    /** A named pipe: not a regular file (reading one would block a copy). */
    private static void mkfifo(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        try {
            int exit = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor();
            assertThat(exit).as("mkfifo exit code").isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(MTIME));
    }
}
