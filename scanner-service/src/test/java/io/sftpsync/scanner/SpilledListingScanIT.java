package io.sftpsync.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.config.ThresholdProperties;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.listing.ListingMemory;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.scan.InFlightJournal;
import io.sftpsync.scanner.scan.InFlightRegistry;
import io.sftpsync.scanner.scan.ScanMetrics;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.scanner.scan.Scanner;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A scan whose directories are wider than {@code sync.scan.listing-memory-entries} (3 here), so both sides'
 * listings are sorted on disk: it decides exactly what a scan holding every listing in memory decides, publishes
 * those files, and leaves nothing in its spill directory.
 */
@SpringBootTest(classes = ScannerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedBroker(partitions = 1)
class SpilledListingScanIT {

    static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    static final Path SPILL = Path.of(System.getProperty("java.io.tmpdir"), "spilled-scan-" + UUID.randomUUID(),
            "listings");

    @RegisterExtension
    // A sink that, unlike OpenSSH, does not offer statvfs@openssh.com: its scans report no free space.
    static final SftpPair servers = new SftpPair().basePaths("/tree", "/tree").sinkOptions(b -> b.withoutStatvfs());

    @Autowired
    Scanner scanner;
    @Autowired
    ScanProperties properties;
    @Autowired
    SftpPools pools;
    @Autowired
    EventPublisher publisher;
    @Autowired
    ThresholdProperties thresholds;
    @Autowired
    io.sftpsync.boot.config.ClockSkewProperties clockSkew;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    /**
     * 60 files in one directory and 12 in a nested one, interleaved with sink-only names: every 3rd up to date,
     * every 5th older at the sink, every 7th of another size there, the rest missing.
     */
    @BeforeAll
    static void tree() throws IOException {
        InProcessSftpServer source = servers.sourceServer();
        InProcessSftpServer sink = servers.sinkServer();
        for (String dir : List.of("wide", "wide/m-nested")) {
            int count = dir.equals("wide") ? 60 : 12;
            for (int i = 0; i < count; i++) {
                String path = dir + "/f" + (i * 37 % count);
                write(source, path, 100 + i, YESTERDAY);
                if (i % 3 == 0) {
                    write(sink, path, 100 + i, YESTERDAY);
                } else if (i % 5 == 0) {
                    write(sink, path, 100 + i, YESTERDAY.minusSeconds(3600));
                } else if (i % 7 == 0) {
                    write(sink, path, 1 + i, YESTERDAY);
                }
                write(sink, dir + "/g" + i + "-sink-only", 10, YESTERDAY);
            }
        }
        write(source, "top.txt", 5, YESTERDAY);
    }

    static void write(InProcessSftpServer server, String path, long size, Instant mtime) throws IOException {
        TestFiles.random(server.root().resolve("tree").resolve(path), size, path.hashCode(), mtime);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/tree", "/tree");
        r.add("sync.scan.cron", () -> "-");
        r.add("sync.scan.min-age", () -> "0s");
        r.add("sync.scan.listing-memory-entries", () -> "3");
        r.add("sync.scan.listing-spill-dir", SPILL::toString);
    }

    @AfterAll
    static void removeSpillDirectory() throws IOException {
        FileSystemUtils.deleteRecursively(SPILL.getParent());
    }

    @Test
    void decidesAsAScanWithEveryListingInMemoryAndPublishesThatPlan() throws IOException {
        assertThat(properties.listingMemory()).isEqualTo(new ListingMemory(3, SPILL));
        Path unusedSpill = SPILL.resolveSibling("in-memory");
        Scanner inMemory = new Scanner(pools::source, pools::sink, publisher,
                new InFlightRegistry(Duration.ofHours(1), Clock.systemUTC(), InFlightJournal.NONE),
                settingsWith(new ListingMemory(1_000, unusedSpill)), new ScanMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC());

        ScanReport expected = inMemory.scan("in memory", true);
        ScanReport spilledDryRun = scanner.scan("spilled", true);

        assertThat(unusedSpill).as("nothing spilled at 1,000 entries").doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SPILL))).isEqualTo("rwx------");
        assertThat(files(SPILL)).as("every run removed after the scan").isEmpty();
        assertThat(expected.planned()).hasSize(1 + 60 - 20 + 12 - 4);
        assertThat(spilledDryRun.planned()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("eventId",
                "scanId", "discoveredAt").containsExactlyElementsOf(expected.planned());
        assertSameCounts(spilledDryRun.summary(), expected.summary());

        try (TopicReader small = new TopicReader(brokers, Topics.FILES_SMALL)) {
            ScanReport real = scanner.scan("spilled", false);

            assertSameCounts(real.summary(), expected.summary());
            assertThat(real.summary().sinkFreeBytes()).as("not offered by the sink").isNull();
            List<ConsumerRecord<String, byte[]>> events = small.await(expected.planned().size(), r -> true,
                    Duration.ofSeconds(30));
            assertThat(events).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(
                    expected.planned().stream().map(FileDiscovered::path).toList());
        }
        assertThat(files(SPILL)).isEmpty();
    }

    private io.sftpsync.scanner.scan.ScanSettings settingsWith(ListingMemory memory) {
        return new io.sftpsync.scanner.scan.ScanSettings(
                new io.sftpsync.scanner.scan.ScanFilter(List.of(), List.of(), Duration.ZERO),
                clockSkew.decision(), new io.sftpsync.core.topics.SizeRouter(thresholds.toCore()), false,
                false, properties.staleTemporaryAge(), memory, false);
    }

    private static void assertSameCounts(ScanCompleted actual, ScanCompleted expected) {
        assertThat(actual.filesSeen()).isEqualTo(expected.filesSeen()).isEqualTo(73);
        assertThat(actual.filesQueued()).isEqualTo(expected.filesQueued());
        assertThat(actual.bytesQueued()).isEqualTo(expected.bytesQueued());
        assertThat(actual.filesUpToDate()).isEqualTo(expected.filesUpToDate()).isEqualTo(24);
        assertThat(actual.errors()).isEqualTo(expected.errors()).isEmpty();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.toList());
        }
    }
}
