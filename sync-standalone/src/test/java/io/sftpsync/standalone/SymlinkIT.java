package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Symbolic links a local user can place, through the whole pipeline with {@code sync.scan.follow-symlinks=true}:
 * links inside the source's base path are copied as what they point to, links leading outside it are reported
 * by the scan and never copied, and a sink directory that is a link to outside the sink is not written through.
 * Its files live in {@code symlink/} below both base paths.
 */
class SymlinkIT extends StandaloneContext {

    static final String TREE = "symlink";

    @BeforeAll
    static void tree() throws IOException {
        Path data = sourceDir(TREE);
        SplittableRandom random = new SplittableRandom(3);
        TreeFixture.write(data, "inside/real.txt", 1_000, TreeFixture.YESTERDAY, random);
        TreeFixture.write(data, "sinklinked/file.txt", 100, TreeFixture.YESTERDAY, random);
        TreeFixture.write(source().root(), "private/secret.txt", 50, TreeFixture.YESTERDAY, random);
        Files.createDirectories(data.resolve("links"));
        Files.createSymbolicLink(data.resolve("links/to-file"), Paths.get("../inside/real.txt"));
        Files.createSymbolicLink(data.resolve("links/to-dir"), Paths.get("../inside"));
        Files.createSymbolicLink(data.resolve("links/escape-dir"), Paths.get("../../../private"));
        Files.createSymbolicLink(data.resolve("links/escape-file"), Paths.get("../../../private/secret.txt"));

        Path sinkRoot = sink().root();
        Files.createDirectories(sinkDir(TREE));
        Files.createDirectories(sinkRoot.resolve("elsewhere"));
        Files.createSymbolicLink(sinkDir(TREE).resolve("sinklinked"), Paths.get("../../elsewhere"));
    }

    @Test
    void linksInsideAreCopiedLinksOutsideAreReportedAndNeverCopied() throws IOException {
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            ScanCompleted scan = scan(TREE, false).summary();

            assertThat(scan.errors()).hasSize(4).anySatisfy(e -> assertThat(e).isEqualTo(
                    "source symlink/links/escape-dir: symlink to /private, outside the base path /data; not followed"))
                    .anySatisfy(e -> assertThat(e).startsWith("source symlink/links/escape-file: symlink to "
                            + "/private/secret.txt, outside"))
                    .anySatisfy(e -> assertThat(e).startsWith(
                            "sink symlink/sinklinked: symlink to /elsewhere, outside"))
                    .anySatisfy(e -> assertThat(e).isEqualTo("skipped symlink/sinklinked/file.txt: its sink directory "
                            + "could not be listed"));
            assertThat(scan.totalQueued()).isEqualTo(3);
            List<TransferResult> got = results.await(3, x -> x.key().startsWith(TREE + "/"), Duration.ofSeconds(60))
                    .stream()
                    .map(x -> EventCodec.decode(x.value(), TransferResult.class)).toList();
            assertThat(got).extracting(TransferResult::path).containsExactlyInAnyOrder("symlink/inside/real.txt",
                    "symlink/links/to-dir/real.txt", "symlink/links/to-file");
            assertThat(got).allSatisfy(x -> assertThat(x.status()).isEqualTo(TransferStatus.SUCCEEDED));
        }

        Path mirror = sinkDir(TREE);
        Path real = sourceDir(TREE).resolve("inside/real.txt");
        assertThat(TreeFixture.sha256(mirror.resolve("links/to-file"))).isEqualTo(TreeFixture.sha256(real));
        assertThat(TreeFixture.sha256(mirror.resolve("links/to-dir/real.txt"))).isEqualTo(TreeFixture.sha256(real));
        assertThat(mirror.resolve("links/escape-dir")).doesNotExist();
        assertThat(mirror.resolve("links/escape-file")).doesNotExist();
        try (Stream<Path> elsewhere = Files.list(sink().root().resolve("elsewhere"))) {
            assertThat(elsewhere).isEmpty();
        }
    }
}
