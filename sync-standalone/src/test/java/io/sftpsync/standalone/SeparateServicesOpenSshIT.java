package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.paths.TempNames;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.TopicReader;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scale-out across processes (issue 13): the five services' own jars as seven processes (two scanners, two
 * transfer services, the large-transfer, approval and anomaly services; {@link SeparateServices}) on one broker and
 * one PostgreSQL, between two OpenSSH servers.
 *
 * <p><b>A transfer service killed mid-run.</b> Both transfer processes share the file topics' partitions (one
 * consumer group) and both copy before one is killed with -9; the other takes its partitions over after the
 * group's session timeout. What "exactly once" means here, observably:
 * <ul>
 * <li>every file arrives, byte for byte (SHA-256) and with its mtime, and no temporary is left once the next scan
 *     has removed what the killed copy left (a process killed mid-copy cannot remove its own temporary);</li>
 * <li>no name at the sink is written twice: {@link SinkWatch} sees the file (inode) each name first holds and
 *     no name holds another later, and no path has two {@code SUCCEEDED} results;</li>
 * <li>every path has a {@code SUCCEEDED} or {@code SKIPPED} result and none {@code FAILED}. Delivery is at least
 *     once: the killed process's uncommitted records are delivered again to the survivor, which finds those it had
 *     already copied in step and reports them {@code SKIPPED}; so a {@code SKIPPED} path is one of the killed
 *     process's partitions, and a path without a {@code SUCCEEDED} is one the killed process renamed into place
 *     but died before reporting;</li>
 * <li>the next scan queues nothing: nothing is copied again.</li>
 * </ul>
 *
 * <p><b>A leading scanner killed.</b> Only one of the two scanners scans (the other answers {@code 409}); killed
 * with -9, the other leads within the group's session timeout (10 s) plus a margin, scans and its scan's files
 * arrive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeparateServicesOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-separate-services");
    static final Instant MTIME = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    static final int SMALL = 360;
    static final int MEDIUM = 24;
    static final Duration WAIT = Duration.ofMinutes(5);
    /** The consumer group both transfer processes join (FileBatchListener's id). */
    static final String TRANSFER_GROUP = "transfer-files";
    /** The file topics' partitions (sync.topics.partitions, 6) of the small and the medium topic. */
    static final int FILE_PARTITIONS = 12;
    /** Files a transfer process handled, by class and status, in its /actuator/prometheus. */
    static final String FILES_METRIC = "sync_transfer_files_total";

    static OpenSshPair servers;
    static SeparateServices services;
    static BrokerView broker;

    @BeforeAll
    static void start() throws Exception {
        LocalResources.deleteTree(WORK.resolve("kafka"));
        LocalResources.deleteTree(WORK.resolve("postgres"));
        Files.createDirectories(WORK);
        servers = OpenSshPair.shared().tree("separate");
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < SMALL; i++) {
            TreeFixture.write(servers.sourceRoot(), "run/d" + i % 12 + "/s" + i + ".bin", 8_000 + random.nextInt(
                    150_000), MTIME, random);
        }
        for (int i = 0; i < MEDIUM; i++) {
            TreeFixture.write(servers.sourceRoot(), "run/medium/m" + i + ".bin", 1_200_000 + random.nextInt(
                    2_000_000), MTIME, random);
        }
        TreeFixture.write(servers.sourceRoot(), "run/large.bin", 20 * 1024 * 1024, MTIME, random);
        services = SeparateServices.start(servers, WORK);
        broker = new BrokerView(services.brokers());
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    @Order(1)
    void twoTransferProcessesShareTheFilesAndWhenOneIsKilledEveryFileArrivesOnceAndIntact() throws Exception {
        ServiceProcess victim = services.get(SeparateServices.TRANSFER_A);
        ServiceProcess survivor = services.get(SeparateServices.TRANSFER_B);
        await(() -> assignment().size() == 2 && assignment().values().stream().noneMatch(Set::isEmpty),
                "both transfer processes hold partitions of " + TRANSFER_GROUP);
        try (TopicReader results = TopicReader.fromBeginning(services.brokers(), Topics.RESULTS);
                SinkWatch watch = SinkWatch.start(servers.sinkRoot().resolve("run"))) {
            // The copies start with the scan's first files, before it answers: the kill is timed while it runs,
            // once each process has copied some of its share (about 190 files), mostly in the middle of a batch.
            FutureTask<Scan> scanning = new FutureTask<>(SeparateServicesOpenSshIT::scanOnTheLeader);
            Thread.ofVirtual().start(scanning);
            await(() -> {
                if (scanning.isDone()) {
                    scanOf(scanning); // fails here when the scan did
                }
                return victim.counter(FILES_METRIC, "status=\"succeeded\"") >= 25
                        && survivor.counter(FILES_METRIC, "status=\"succeeded\"") >= 25;
            }, "both transfer processes copying");
            Map<String, Set<TopicPartition>> before = assignment();
            victim.kill();
            Instant killed = Instant.now();
            // Until the session timeout nobody takes the dead member's partitions: what it published is all in.
            Thread.sleep(2_000);
            Set<String> reported = finished(results).stream().map(TransferResult::path).collect(Collectors.toSet());

            assertThat(before).as("one member per process").containsOnlyKeys(SeparateServices.TRANSFER_A,
                    SeparateServices.TRANSFER_B);
            Set<TopicPartition> victimPartitions = before.get(SeparateServices.TRANSFER_A);
            assertThat(victimPartitions).as("the partitions were shared")
                    .doesNotContainAnyElementsOf(before.get(SeparateServices.TRANSFER_B));
            assertThat(union(before.values())).hasSize(FILE_PARTITIONS);
            Scan scan = scanOf(scanning);
            assertThat(scan.summary.filesQueued()).as("queued per class").isEqualTo(Map.of(SizeClass.SMALL,
                    (long) SMALL, SizeClass.MEDIUM, (long) MEDIUM, SizeClass.LARGE, 1L));
            Map<String, TopicPartition> queued = broker.discovered(scan.summary.scanId(),
                    List.of(Topics.FILES_SMALL, Topics.FILES_MEDIUM));
            assertThat(queued).hasSize(SMALL + MEDIUM);
            Set<String> ofVictim = queued.entrySet().stream().filter(e -> victimPartitions.contains(e.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            Set<String> unreported = ofVictim.stream().filter(p -> !reported.contains(p)).collect(Collectors.toSet());
            assertThat(unreported).as("the kill left files of the killed process's partitions unreported").isNotEmpty();

            await(() -> assignment().equals(Map.of(SeparateServices.TRANSFER_B, union(before.values()))),
                    "the survivor holds every partition");
            Set<String> all = new HashSet<>(queued.keySet());
            all.add("run/large.bin");
            await(() -> finished(results).stream().map(TransferResult::path).collect(Collectors.toSet())
                    .containsAll(all), "a result for every file");
            assertThat(realFiles(servers.sinkRoot().resolve("run")))
                    .isEqualTo(TreeFixture.snapshot(servers.sourceRoot().resolve("run")));

            long leftByTheKill = temporaries(servers.sinkRoot().resolve("run")).size();
            // Stale once nothing wrote them for sync.scan.stale-temporary-age (5 s).
            sleepUntil(killed.plusSeconds(7));
            Scan next = scanOnTheLeader();
            assertThat(next.summary.filesQueued().values()).as("the next scan queues nothing: all in step")
                    .allMatch(n -> n == 0);
            assertThat(temporaries(servers.sinkRoot().resolve("run"))).as("temporaries after the next scan ("
                    + leftByTheKill + " before)").isEmpty();

            Map<String, List<TransferStatus>> byPath = new HashMap<>();
            results.drain(Duration.ofSeconds(1)).stream().map(SeparateServicesOpenSshIT::result)
                    .forEach(r -> byPath.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r.status()));
            assertCopiedOnce(byPath, ofVictim, unreported);
            watch.close();
            assertThat(watch.seen()).containsAll(all.stream().map(p -> p.substring("run/".length())).toList());
            assertThat(watch.rewritten()).as("names written twice").isEmpty();
            System.out.printf("killed %s with %d of its files unreported; %d paths reported SKIPPED; %d temporaries"
                    + " left by the kill%n", victim.name, unreported.size(), byPath.values().stream()
                    .filter(s -> s.contains(TransferStatus.SKIPPED)).count(), leftByTheKill);
        }
    }

    /**
     * Each path's results: none FAILED, one SUCCEEDED at most; SKIPPED only for a path delivered again (of the
     * killed process's partitions); without SUCCEEDED only a path the killed process copied and did not report.
     */
    private static void assertCopiedOnce(Map<String, List<TransferStatus>> byPath, Set<String> ofVictim,
            Set<String> unreported) {
        byPath.forEach((path, statuses) -> {
            assertThat(statuses).as(path).doesNotContain(TransferStatus.FAILED);
            assertThat(statuses.stream().filter(TransferStatus.SUCCEEDED::equals)).as("copied once: " + path)
                    .hasSizeLessThanOrEqualTo(1);
            if (statuses.contains(TransferStatus.SKIPPED)) {
                assertThat(ofVictim).as("SKIPPED only on redelivery: " + path).contains(path);
            }
            if (!statuses.contains(TransferStatus.SUCCEEDED)) {
                assertThat(unreported).as("an unreported copy of the killed process: " + path).contains(path);
            }
        });
    }

    @Test
    @Order(2)
    void aKilledLeadingScannerIsReplacedWithinSecondsByTheOtherOneWhichScans() throws Exception {
        ServiceProcess a = services.get(SeparateServices.SCANNER_A);
        ServiceProcess b = services.get(SeparateServices.SCANNER_B);
        int statusA = a.api.post("/api/scans?dryRun=true", null).statusCode();
        int statusB = b.api.post("/api/scans?dryRun=true", null).statusCode();
        assertThat(List.of(statusA, statusB)).as("one leads, the other stands by").containsExactlyInAnyOrder(200,
                409);
        ServiceProcess leader = statusA == 200 ? a : b;
        ServiceProcess standby = leader == a ? b : a;
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 20; i++) {
            TreeFixture.write(servers.sourceRoot(), "takeover/t" + i + ".bin", 10_000 + random.nextInt(50_000),
                    MTIME, random);
        }

        leader.kill();
        Instant killed = Instant.now();
        HttpResponse<String> response;
        Instant asked;
        do {
            assertThat(Duration.between(killed, Instant.now())).as("the standby leads").isLessThan(
                    Duration.ofSeconds(40));
            Thread.sleep(250);
            asked = Instant.now();
            response = standby.api.post("/api/scans", null);
        } while (response.statusCode() == 409);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Duration.between(killed, asked)).as("session timeout (10 s) plus a margin")
                .isLessThanOrEqualTo(Duration.ofSeconds(20));
        ScanCompleted summary = broker.scanCompleted(UUID.fromString(JsonPath.read(response.body(),
                "$.summary.scanId")), WAIT);
        assertThat(summary.filesQueued()).containsEntry(SizeClass.SMALL, 20L);
        await(() -> {
            try {
                return realFiles(servers.sinkRoot().resolve("takeover"))
                        .equals(TreeFixture.snapshot(servers.sourceRoot().resolve("takeover")));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }, "the new leader's scan copied");
        System.out.printf("%s killed; %s led %d ms later%n", leader.name, standby.name,
                Duration.between(killed, asked).toMillis());
    }

    private static Scan scanOf(FutureTask<Scan> scanning) throws Exception {
        try {
            return scanning.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** A scan's answer: the summary the leader published to sftp.scans. */
    private record Scan(ServiceProcess leader, ScanCompleted summary) {
    }

    /** Asks each scanner to scan until one leads and answers with its report (the others answer 409). */
    private static Scan scanOnTheLeader() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            for (String name : List.of(SeparateServices.SCANNER_A, SeparateServices.SCANNER_B)) {
                ServiceProcess scanner = services.get(name);
                if (!scanner.alive()) {
                    continue;
                }
                HttpResponse<String> r = scanner.api.post("/api/scans", null);
                if (r.statusCode() == 200) {
                    return new Scan(scanner, broker.scanCompleted(UUID.fromString(JsonPath.read(r.body(),
                            "$.summary.scanId")), WAIT));
                }
                assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no scanner leads\n" + services.logs());
    }

    /** The transfer group's members by process, and their partitions. */
    private static Map<String, Set<TopicPartition>> assignment() {
        return broker.assignment(TRANSFER_GROUP, List.of(SeparateServices.TRANSFER_A, SeparateServices.TRANSFER_B));
    }

    private static Set<TopicPartition> union(Collection<Set<TopicPartition>> sets) {
        return sets.stream().reduce(Set.of(), BrokerView::union);
    }

    /** The results read so far (and those arriving within a moment) that are not FAILED; fails on a FAILED one. */
    private static List<TransferResult> finished(TopicReader results) {
        List<TransferResult> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : results.drain(Duration.ofMillis(100))) {
            TransferResult result = result(r);
            assertThat(result.status()).as(result.path() + ": " + result.error()).isNotEqualTo(TransferStatus.FAILED);
            out.add(result);
        }
        return out;
    }

    private static TransferResult result(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value(), TransferResult.class);
    }

    /** The tree's files other than copies' temporaries. */
    private static Map<String, String> realFiles(Path root) throws IOException {
        return TreeFixture.snapshotWithoutTemporaries(root);
    }

    private static List<Path> temporaries(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> TempNames.isTemporary(f.getFileName().toString())).toList();
        }
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Until the condition holds; fails after {@link #WAIT}, or at once when a service process ended by itself. */
    private static void await(Condition condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.holds()) {
            List<String> ended = services.endedByThemselves();
            if (!ended.isEmpty() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached" + (ended.isEmpty() ? " within " + WAIT : ", " + ended
                        + " ended") + ": " + what + "\n" + services.logs());
            }
            Thread.sleep(100);
        }
    }
}
