package io.sftpsync.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.boot.config.DeletionProperties;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDeleted;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.delete.Deleter;
import io.sftpsync.scanner.delete.DeletionOutcome;
import io.sftpsync.scanner.delete.DeletionPlan;
import io.sftpsync.scanner.delete.DeletionsAfterCopies;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.scanner.scan.ScanRequest;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deletions ({@code sync.delete.enabled}) in the continuous mode on a real broker and two embedded SFTP servers: a
 * scan's sink files that the source lacks go once its copies have results, not before, and not after a failed copy;
 * the guards withhold them and say so on the scan's summary; each removal checks both sides again first. Each test
 * scans a subtree of its own.
 */
@SpringBootTest(classes = ScannerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedBroker(partitions = 2)
class DeletionIT {

    static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/tree", "/tree");

    @Autowired
    Scanner scanner;
    @Autowired
    DeletionsAfterCopies afterCopies;
    @Autowired
    Deleter deleter;
    @Autowired
    SftpPools pools;
    @Autowired
    EventPublisher publisher;
    @Autowired
    MeterRegistry meters;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/tree", "/tree");
        r.add("sync.scan.cron", () -> "-");
        r.add("sync.scan.min-age", () -> "0s");
        r.add("sync.scan.leader-election", () -> "false");
        r.add("sync.delete.enabled", () -> "true");
    }

    @Test
    void sinkFilesTheSourceLacksGoOnlyOnceTheScansCopiesHaveSucceeded() throws Exception {
        write(source(), "t1/keep.txt", 100);
        write(sink(), "t1/keep.txt", 100);
        write(source(), "t1/new.txt", 200);
        write(sink(), "t1/gone.txt", 300);
        write(sink(), "t1/sub/gone too.txt", 400);
        write(sink(), "t1/.report.csv.sftp-sync-0a1b2c3d.prev", 50);
        double before = deleted();

        try (TopicReader deletions = new TopicReader(brokers, Topics.DELETIONS)) {
            ScanReport report = scanner.scan(new ScanRequest("test", false, "t1", null));

            assertThat(report.deletions().files()).extracting(RemoteFile::path)
                    .containsExactly("t1/gone.txt", "t1/sub/gone too.txt");
            assertThat(report.summary().deletions()).isEqualTo(new ScanCompleted.Deletions(2, 4, null));
            // t1/new.txt has no result yet: nothing goes.
            Thread.sleep(2_500);
            assertThat(afterCopies.pending()).isEqualTo(report.deletions());
            assertThat(sink().resolve("tree/t1/gone.txt")).exists();

            publisher.publishAndWait(Topics.RESULTS, "t1/new.txt",
                    TransferResult.succeeded(planned(report, "t1/new.txt"), 200, 5, null, 1, 0, null));

            waitUntil(() -> !Files.exists(sink().resolve("tree/t1/gone.txt")), 20);
            waitUntil(() -> afterCopies.pending() == null, 5);
            assertThat(sink().resolve("tree/t1/sub/gone too.txt")).doesNotExist();
            assertThat(sink().resolve("tree/t1/keep.txt")).exists();
            assertThat(sink().resolve("tree/t1/.report.csv.sftp-sync-0a1b2c3d.prev")).as("a kept previous version")
                    .exists();
            List<FileDeleted> events = deletions.await(2, r -> true, Duration.ofSeconds(10)).stream()
                    .map(r -> EventCodec.decode(r.value(), FileDeleted.class)).toList();
            assertThat(events).extracting(FileDeleted::path)
                    .containsExactlyInAnyOrder("t1/gone.txt", "t1/sub/gone too.txt");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.scanId()).isEqualTo(report.summary().scanId());
                assertThat(e.movedTo()).isNull();
            });
            assertThat(events).filteredOn(e -> e.path().equals("t1/gone.txt")).singleElement().satisfies(e -> {
                assertThat(e.size()).isEqualTo(300);
                assertThat(e.mtime()).isEqualTo(YESTERDAY);
            });
            assertThat(deleted() - before).isEqualTo(2);
        }
    }

    @Test
    void aFailedCopyCancelsTheScansDeletions() throws Exception {
        write(source(), "t2/new.txt", 200);
        write(source(), "t2/a.txt", 10);
        write(sink(), "t2/a.txt", 10);
        write(sink(), "t2/gone.txt", 300);

        ScanReport report = scanner.scan(new ScanRequest("test", false, "t2", null));
        assertThat(report.deletions().ready()).isTrue();
        publisher.publishAndWait(Topics.RESULTS, "t2/new.txt",
                TransferResult.failed(planned(report, "t2/new.txt"), 5, 3, "sink: permission denied"));

        waitUntil(() -> afterCopies.pending() == null, 20);
        Thread.sleep(1_500);
        assertThat(sink().resolve("tree/t2/gone.txt")).exists();
    }

    @Test
    void moreThanTheFractionOfTheSinkIsWithheldWithTheReasonOnTheSummaryAndACount() throws Exception {
        write(source(), "t3/a.txt", 10);
        write(sink(), "t3/a.txt", 10);
        write(sink(), "t3/b.txt", 10);
        write(sink(), "t3/c.txt", 10);
        double before = meters.counter("sync.deletions.withheld").count();

        try (TopicReader scans = new TopicReader(brokers, Topics.SCANS)) {
            ScanReport report = scanner.scan(new ScanRequest("test", false, "t3", null));

            ScanCompleted published = EventCodec.decode(scans.await(1, r -> true, Duration.ofSeconds(10)).get(0)
                    .value(), ScanCompleted.class);
            assertThat(published.deletions().candidates()).isEqualTo(2);
            assertThat(published.deletions().sinkFiles()).isEqualTo(3);
            assertThat(published.deletions().withheld()).contains("2 of the 3 sink files (67 %)")
                    .contains("sync.delete.max-fraction=0.5");
            assertThat(report.deletions().ready()).isFalse();
        }
        assertThat(meters.counter("sync.deletions.withheld").count() - before).isEqualTo(1);
        assertThat(afterCopies.pending()).isNull();
        assertThat(sink().resolve("tree/t3/b.txt")).exists();
        assertThat(sink().resolve("tree/t3/c.txt")).exists();
    }

    @Test
    void aDryRunListsWhatWouldGoAndRemovesNothing() throws Exception {
        write(source(), "t4/a.txt", 10);
        write(sink(), "t4/a.txt", 10);
        write(sink(), "t4/b.txt", 10);
        write(sink(), "t4/c.txt", 10);
        write(source(), "t4/d.txt", 10);
        write(sink(), "t4/d.txt", 10);

        ScanReport report = scanner.scan(new ScanRequest("test", true, "t4", null));

        assertThat(report.deletions().files()).extracting(RemoteFile::path).containsExactly("t4/b.txt", "t4/c.txt");
        assertThat(report.deletions().withheld()).isEqualTo("dry run");
        Thread.sleep(1_500);
        assertThat(afterCopies.pending()).isNull();
        assertThat(sink().resolve("tree/t4/b.txt")).exists();
    }

    @Test
    void eachRemovalChecksBothSidesAgainFirst() throws Exception {
        RemoteFile back = write(sink(), "t5/back.txt", 10);
        RemoteFile changed = write(sink(), "t5/changed.txt", 10);
        RemoteFile gone = write(sink(), "t5/gone.txt", 10);
        RemoteFile plain = write(sink(), "t5/plain.txt", 10);
        write(source(), "t5/back.txt", 10);
        write(sink(), "t5/changed.txt", 11);
        Files.delete(sink().resolve("tree/t5/gone.txt"));

        DeletionOutcome outcome = deleter.execute(plan(back, changed, gone, plain));

        assertThat(outcome).isEqualTo(new DeletionOutcome(1, 0, 3, List.of()));
        assertThat(sink().resolve("tree/t5/back.txt")).exists();
        assertThat(sink().resolve("tree/t5/changed.txt")).exists();
        assertThat(sink().resolve("tree/t5/plain.txt")).doesNotExist();
    }

    @Test
    void withABackupDirectoryFilesAreMovedThereWithATimestampSuffix() throws Exception {
        RemoteFile old = write(sink(), "t6/sub/old.txt", 123);
        byte[] bytes = Files.readAllBytes(sink().resolve("tree/t6/sub/old.txt"));
        Deleter moving = new Deleter(pools::source, pools::sink, publisher,
                new DeletionProperties(true, "/trash/sync", 100, 0.5), how -> { }, Clock.systemUTC());

        DeletionOutcome outcome = moving.execute(plan(old));

        assertThat(outcome).isEqualTo(new DeletionOutcome(0, 1, 0, List.of()));
        assertThat(sink().resolve("tree/t6/sub/old.txt")).doesNotExist();
        try (Stream<Path> moved = Files.list(sink().resolve("trash/sync/t6/sub"))) {
            Path only = moved.toList().get(0);
            assertThat(only.getFileName().toString()).matches("old\\.txt\\.\\d{8}T\\d{6}Z");
            assertThat(Files.readAllBytes(only)).isEqualTo(bytes);
        }
    }

    @Test
    void aBackupDirectoryInsideTheSinksBasePathIsRefusedAndNothingMoves() throws Exception {
        RemoteFile old = write(sink(), "t7/old.txt", 10);
        Deleter inside = new Deleter(pools::source, pools::sink, publisher,
                new DeletionProperties(true, "/tree/.trash", 100, 0.5), how -> { }, Clock.systemUTC());

        DeletionOutcome outcome = inside.execute(plan(old));

        assertThat(outcome.removed()).isZero();
        assertThat(outcome.failed()).singleElement().asString().contains("is inside the sink's base path /tree");
        assertThat(sink().resolve("tree/t7/old.txt")).exists();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %d s", seconds).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static DeletionPlan plan(RemoteFile... files) {
        return new DeletionPlan(UUID.randomUUID(), Instant.now(), List.of(files), files.length, 100, null, false);
    }

    private static FileDiscovered planned(ScanReport report, String path) {
        return report.planned().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }

    private double deleted() {
        return meters.counter("sync.files.deleted", "how", "deleted").count();
    }

    private static Path source() {
        return servers.sourceServer().root();
    }

    private static Path sink() {
        return servers.sinkServer().root();
    }

    private static RemoteFile write(Path root, String path, long size) throws IOException {
        TestFiles.random(root.resolve("tree").resolve(path), size, path.hashCode() + size, YESTERDAY);
        return new RemoteFile(path, size, YESTERDAY);
    }
}
