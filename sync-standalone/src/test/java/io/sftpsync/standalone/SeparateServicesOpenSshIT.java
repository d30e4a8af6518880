package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
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

    static OpenSshPair servers;
    static SeparateServices services;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        LocalResources.deleteTree(WORK.resolve("kafka"));
        LocalResources.deleteTree(WORK.resolve("postgres"));
        Files.createDirectories(WORK);
        servers = OpenSshPair.start(StandaloneJar.ROOT, WORK.resolve("sftp"));
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
        admin = Admin.create(Map.of("bootstrap.servers", services.brokers()));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (admin != null) {
                admin.close();
            }
            if (services != null) {
                services.close();
            }
        } finally {
            if (servers != null) {
                servers.close();
            }
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
            Scan scan = scanOnTheLeader();
            assertThat(scan.summary.filesQueued()).as("queued per class").isEqualTo(Map.of(SizeClass.SMALL,
                    (long) SMALL, SizeClass.MEDIUM, (long) MEDIUM, SizeClass.LARGE, 1L));
            Map<String, TopicPartition> queued = discovered(scan.summary.scanId(), SMALL + MEDIUM);

            await(() -> finished(results).size() >= (SMALL + MEDIUM) / 5
                    && victim.counter("sync_transfer_files_total", "status=\"succeeded\"") > 0
                    && survivor.counter("sync_transfer_files_total", "status=\"succeeded\"") > 0,
                    "a fifth of the files copied, by both transfer processes");
            Map<String, Set<TopicPartition>> before = assignment();
            victim.kill();
            Instant killed = Instant.now();

            assertThat(before).as("one member per process").containsOnlyKeys(SeparateServices.TRANSFER_A,
                    SeparateServices.TRANSFER_B);
            Set<TopicPartition> victims = before.get(SeparateServices.TRANSFER_A);
            assertThat(victims).as("the partitions were shared")
                    .doesNotContainAnyElementsOf(before.get(SeparateServices.TRANSFER_B));
            assertThat(victims.size() + before.get(SeparateServices.TRANSFER_B).size()).isEqualTo(FILE_PARTITIONS);
            // Until the session timeout nobody takes the dead member's partitions: what it published is all in.
            Thread.sleep(2_000);
            Set<String> reported = finished(results).stream().map(TransferResult::path).collect(Collectors.toSet());
            Set<String> pending = queued.entrySet().stream().filter(e -> victims.contains(e.getValue()))
                    .map(Map.Entry::getKey).filter(p -> !reported.contains(p)).collect(Collectors.toSet());
            assertThat(pending).as("the kill left files of the killed process's partitions unreported").isNotEmpty();

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
            Set<String> ofVictim = queued.entrySet().stream().filter(e -> victims.contains(e.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            byPath.forEach((path, statuses) -> {
                assertThat(statuses).as(path).doesNotContain(TransferStatus.FAILED);
                assertThat(statuses.stream().filter(TransferStatus.SUCCEEDED::equals)).as("copied once: " + path)
                        .hasSizeLessThanOrEqualTo(1);
                if (statuses.contains(TransferStatus.SKIPPED)) {
                    assertThat(ofVictim).as("SKIPPED only on redelivery: " + path).contains(path);
                }
                if (!statuses.contains(TransferStatus.SUCCEEDED)) {
                    assertThat(pending).as("unreported success of the killed process: " + path).contains(path);
                }
            });
            watch.close();
            assertThat(watch.seen()).containsAll(all.stream().map(p -> p.substring("run/".length())).toList());
            assertThat(watch.rewritten()).as("names written twice").isEmpty();
            System.out.printf("killed %s with %d of its files unreported; %d paths reported SKIPPED; %d temporaries"
                    + " left by the kill%n", victim.name, pending.size(), byPath.values().stream()
                    .filter(s -> s.contains(TransferStatus.SKIPPED)).count(), leftByTheKill);
        }
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
        ScanCompleted summary = scanCompleted(UUID.fromString(JsonPath.read(response.body(), "$.summary.scanId")));
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
                    return new Scan(scanner, scanCompleted(UUID.fromString(JsonPath.read(r.body(),
                            "$.summary.scanId"))));
                }
                assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no scanner leads\n" + services.logs());
    }

    private static ScanCompleted scanCompleted(UUID scanId) {
        try (TopicReader scans = TopicReader.fromBeginning(services.brokers(), Topics.SCANS)) {
            List<ConsumerRecord<String, byte[]>> found = scans.await(1,
                    r -> EventCodec.decode(r.value(), ScanCompleted.class).scanId().equals(scanId), WAIT);
            assertThat(found).as("ScanCompleted " + scanId + " on " + Topics.SCANS).hasSize(1);
            return EventCodec.decode(found.get(0).value(), ScanCompleted.class);
        }
    }

    /** Path -> partition of each small and medium file the scan published. */
    private static Map<String, TopicPartition> discovered(UUID scanId, int count) {
        Map<String, TopicPartition> out = new HashMap<>();
        for (String topic : List.of(Topics.FILES_SMALL, Topics.FILES_MEDIUM)) {
            try (TopicReader reader = TopicReader.fromBeginning(services.brokers(), topic)) {
                reader.drain(Duration.ofSeconds(2)).forEach(r -> {
                    FileDiscovered e = EventCodec.decode(r.value(), FileDiscovered.class);
                    if (e.scanId().equals(scanId)) {
                        out.put(e.path(), new TopicPartition(r.topic(), r.partition()));
                    }
                });
            }
        }
        assertThat(out).hasSize(count);
        return out;
    }

    /** The consumer group's members by client id (the transfer process's name) and their partitions. */
    private static Map<String, Set<TopicPartition>> assignment() {
        try {
            return admin.describeConsumerGroups(List.of(TRANSFER_GROUP)).describedGroups().get(TRANSFER_GROUP).get()
                    .members().stream().collect(Collectors.toMap(SeparateServicesOpenSshIT::processOf,
                            m -> Set.copyOf(m.assignment().topicPartitions()), (x, y) -> {
                                Set<TopicPartition> both = new HashSet<>(x);
                                both.addAll(y);
                                return both;
                            }));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String processOf(MemberDescription member) {
        for (String name : List.of(SeparateServices.TRANSFER_A, SeparateServices.TRANSFER_B)) {
            if (member.clientId().startsWith(name)) {
                return name;
            }
        }
        return member.clientId();
    }

    private static Set<TopicPartition> union(Iterable<Set<TopicPartition>> sets) {
        Set<TopicPartition> all = new HashSet<>();
        sets.forEach(all::addAll);
        return all;
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
        Map<String, String> files = TreeFixture.snapshot(root);
        files.keySet().removeIf(p -> TempNames.isTemporary(Path.of(p).getFileName().toString()));
        return files;
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

    /** Until the condition holds; fails after {@link #WAIT}, or at once when a service process ended by itself. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + WAIT + ": " + what + "\n" + services.logs());
            }
            Thread.sleep(100);
        }
    }
}
