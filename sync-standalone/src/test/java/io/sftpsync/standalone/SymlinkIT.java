package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Symbolic links a local user can place, through the whole pipeline with {@code sync.scan.follow-symlinks=true}:
 * links inside the source's base path are copied as what they point to, links leading outside it are reported
 * by the scan and never copied, and a sink directory that is a link to outside the sink is not written through.
 */
@SpringBootTest(classes = SftpSyncApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedBroker(partitions = 1)
class SymlinkIT {

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/data", "/mirror");

    @Autowired
    Scanner scanner;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @BeforeAll
    static void tree() throws IOException {
        Path data = servers.sourceServer().root().resolve("data");
        SplittableRandom random = new SplittableRandom(3);
        TreeFixture.write(data, "inside/real.txt", 1_000, TreeFixture.YESTERDAY, random);
        TreeFixture.write(data, "sinklinked/file.txt", 100, TreeFixture.YESTERDAY, random);
        TreeFixture.write(servers.sourceServer().root(), "private/secret.txt", 50, TreeFixture.YESTERDAY, random);
        Files.createDirectories(data.resolve("links"));
        Files.createSymbolicLink(data.resolve("links/to-file"), Paths.get("../inside/real.txt"));
        Files.createSymbolicLink(data.resolve("links/to-dir"), Paths.get("../inside"));
        Files.createSymbolicLink(data.resolve("links/escape-dir"), Paths.get("../../private"));
        Files.createSymbolicLink(data.resolve("links/escape-file"), Paths.get("../../private/secret.txt"));

        Path sinkRoot = servers.sinkServer().root();
        Files.createDirectories(sinkRoot.resolve("mirror"));
        Files.createDirectories(sinkRoot.resolve("elsewhere"));
        Files.createSymbolicLink(sinkRoot.resolve("mirror/sinklinked"), Paths.get("../elsewhere"));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/data", "/mirror");
        r.add("sync.scan.cron", () -> "-");
        r.add("sync.scan.min-age", () -> "0s");
        r.add("sync.scan.follow-symlinks", () -> "true");
        r.add("sync.data-dir", () -> dir.resolve("data").toString());
    }

    @Test
    void linksInsideAreCopiedLinksOutsideAreReportedAndNeverCopied() throws IOException {
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            ScanCompleted scan = scanner.scan("test", false).summary();

            assertThat(scan.errors()).hasSize(4).anySatisfy(e -> assertThat(e).isEqualTo(
                    "source links/escape-dir: symlink to /private, outside the base path /data; not followed"))
                    .anySatisfy(e -> assertThat(e).startsWith("source links/escape-file: symlink to "
                            + "/private/secret.txt, outside"))
                    .anySatisfy(e -> assertThat(e).startsWith("sink sinklinked: symlink to /elsewhere, outside"))
                    .anySatisfy(e -> assertThat(e).isEqualTo("skipped sinklinked/file.txt: its sink directory "
                            + "could not be listed"));
            assertThat(scan.totalQueued()).isEqualTo(3);
            List<TransferResult> got = results.await(3, x -> true, Duration.ofSeconds(60)).stream()
                    .map(x -> EventCodec.decode(x.value(), TransferResult.class)).toList();
            assertThat(got).extracting(TransferResult::path).containsExactlyInAnyOrder("inside/real.txt",
                    "links/to-dir/real.txt", "links/to-file");
            assertThat(got).allSatisfy(x -> assertThat(x.status()).isEqualTo(TransferStatus.SUCCEEDED));
        }

        Path mirror = servers.sinkServer().root().resolve("mirror");
        Path real = servers.sourceServer().root().resolve("data/inside/real.txt");
        assertThat(TreeFixture.sha256(mirror.resolve("links/to-file"))).isEqualTo(TreeFixture.sha256(real));
        assertThat(TreeFixture.sha256(mirror.resolve("links/to-dir/real.txt"))).isEqualTo(TreeFixture.sha256(real));
        assertThat(mirror.resolve("links/escape-dir")).doesNotExist();
        assertThat(mirror.resolve("links/escape-file")).doesNotExist();
        try (Stream<Path> elsewhere = Files.list(servers.sinkServer().root().resolve("elsewhere"))) {
            assertThat(elsewhere).isEmpty();
        }
    }
}
