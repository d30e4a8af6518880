package io.sftpsync.large;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.approval.ApprovalProof;
import io.sftpsync.core.events.Approval;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.large.checkpoint.Checkpoints;
import io.sftpsync.large.checkpoint.TransferCheckpoint;
import io.sftpsync.large.copy.chunked.RangeCopier;
import io.sftpsync.large.janitor.Janitor;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.ProbeAssertions;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a real in-process broker, an embedded PostgreSQL and two embedded SFTP servers: events in,
 * bytes at the sink, progress and results out, checkpoints in the database; and its probes over HTTP.
 */
@SpringBootTest(classes = LargeTransferApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBroker(partitions = 2)
class LargeTransferServiceIT {

    static final int MiB = 1024 * 1024;
    /** The key the approval service would sign with; a test key, never a real one. */
    static final String PROOF_KEY = "large-transfer-service-it-proof-key-0123456789";
    static final ApprovalProof PROOF = new ApprovalProof(PROOF_KEY.getBytes(StandardCharsets.UTF_8));
    static final Instant MTIME = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/", "/");
    static InProcessSftpServer source;
    static InProcessSftpServer sink;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Checkpoints checkpoints;
    @Autowired
    SftpPools pools;
    @Autowired
    Janitor janitor;
    @LocalServerPort
    int port;

    @BeforeAll
    static void servers() throws IOException {
        source = servers.sourceServer();
        sink = servers.sinkServer();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/", "/");
        r.add("sync.large.chunk-size", () -> "1MB");
        r.add("sync.large.streams", () -> "3");
        r.add("sync.large.max-attempts", () -> "6");
        r.add("sync.large.backoff", () -> "300ms");
        r.add("sync.verify.paths[0].glob", () -> "verified/**");
        r.add("sync.verify.paths[0].mode", () -> "checksum");
        r.add("sync.data-dir", () -> dir.resolve("data").toString());
        r.add("sync.proof.key", () -> PROOF_KEY);
    }

    /** The orchestrator's probes, open without credentials: alive, and ready with what the service needs. */
    @Test
    void livenessIsTheProcessAndReadinessNamesWhatTheServiceNeeds() {
        ProbeAssertions.assertLiveAndReady(port, "broker", "db", "sftp");
    }

    @Test
    void copiesInChunksWithAProgressEventPerChunkAndAHashListDigest() throws Exception {
        String path = "big dir/ünï file.bin";
        long size = 5L * MiB + 12_345;
        Path local = TestFiles.random(source.root().resolve(path), size, 1, MTIME);
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS);
             TopicReader progress = new TopicReader(brokers, Topics.PROGRESS)) {
            FileDiscovered event = publish(path, size, SizeClass.LARGE, null);

            TransferResult result = awaitResult(results, event);

            assertThat(result.status()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.bytes()).isEqualTo(size);
            assertThat(result.resumedFrom()).isZero();
            assertThat(result.sha256()).isEqualTo(hashList(local, size, MiB));
            Path copied = sink.root().resolve(path);
            assertThat(TestFiles.sha256(copied)).isEqualTo(TestFiles.sha256(local));
            assertThat(TestFiles.mtime(copied)).isEqualTo(MTIME);
            assertThat(TestFiles.temporaries(sink.root().resolve("big dir"))).isEmpty();
            List<TransferProgress> events = progress.await(6, r -> r.key().equals(path), Duration.ofSeconds(10))
                    .stream().map(r -> EventCodec.decode(r.value(), TransferProgress.class)).toList();
            assertThat(events).hasSize(6).allSatisfy(p -> {
                assertThat(p.totalChunks()).isEqualTo(6);
                assertThat(p.totalBytes()).isEqualTo(size);
                assertThat(p.causationId()).isEqualTo(event.eventId());
            });
            assertThat(events).extracting(TransferProgress::chunk).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
            assertThat(events.stream().mapToLong(TransferProgress::bytesDone).max()).hasValue(size);
            assertThat(events).extracting(TransferProgress::transferId).containsOnly(events.get(0).transferId());
        }
        assertThat(rows("select count(*) from large_transfer.transfer where path = ?", path)).isZero();
    }

    @Test
    void theSinkGoingAwayMidTransferIsRetriedAndResumedFromTheCheckpointsInPostgres() throws Exception {
        String path = "restart/48m.bin";
        long size = 48L * MiB;
        Path local = TestFiles.random(source.root().resolve(path), size, 2, MTIME);
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS);
             TopicReader progress = new TopicReader(brokers, Topics.PROGRESS)) {
            FileDiscovered event = publish(path, size, SizeClass.LARGE, null);
            progress.await(3, r -> r.key().equals(path), Duration.ofSeconds(60));
            sink.stop();
            long recorded = rows("select count(*) from large_transfer.chunk c join large_transfer.transfer t"
                    + " on t.id = c.transfer_id where t.path = ? and c.sha256 is not null", path);
            Thread.sleep(1_000);
            sink.start();

            TransferResult result = awaitResult(results, event);

            assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.attempts()).isGreaterThan(1);
            assertThat(recorded).isGreaterThanOrEqualTo(3);
            assertThat(result.resumedFrom()).isGreaterThanOrEqualTo(recorded * MiB);
            assertThat(result.bytes()).isLessThan(size);
        }
        assertThat(TestFiles.sha256(sink.root().resolve(path))).isEqualTo(TestFiles.sha256(local));
        assertThat(TestFiles.temporaries(sink.root().resolve("restart"))).isEmpty();
    }

    @Test
    void resumesFromCheckpointsAnotherInstanceLeftAndSendsOnlyWhatIsMissing() throws Exception {
        String path = "resume/left.bin";
        long size = 6L * MiB + 99;
        Path local = TestFiles.random(source.root().resolve(path), size, 3, MTIME);
        TransferCheckpoint t = leaveCheckpoint(path, size, MTIME, 3);
        sink.resetCounters();

        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, publish(path, size, SizeClass.LARGE, null));

            assertThat(result.status()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(sink.bytesRead()).as("the sink offers fsync: what is recorded is trusted, not re-read")
                    .isZero();
            assertThat(result.resumedFrom()).isEqualTo(3L * MiB);
            assertThat(result.bytes()).isEqualTo(size - 3L * MiB);
            assertThat(result.error()).isNull();
            assertThat(result.sha256()).isEqualTo(hashList(local, size, MiB));
        }
        assertThat(TestFiles.sha256(sink.root().resolve(path))).isEqualTo(TestFiles.sha256(local));
        assertThat(sink.root().resolve(t.temporary())).doesNotExist();
        assertThat(rows("select count(*) from large_transfer.chunk where transfer_id = ?", t.id())).isZero();
    }

    @Test
    void aSourceReplacedSinceTheInterruptedAttemptStartsOverAndSaysWhy() throws Exception {
        String path = "replaced/file.bin";
        long size = 3L * MiB;
        TestFiles.random(source.root().resolve(path), size, 4, MTIME);
        TransferCheckpoint old = leaveCheckpoint(path, size, MTIME, 2);
        Instant newer = MTIME.plusSeconds(3600);
        Path local = TestFiles.random(source.root().resolve(path), size, 5, newer);

        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, publish(path, size, SizeClass.LARGE, null, newer));

            assertThat(result.status()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.resumedFrom()).isZero();
            assertThat(result.bytes()).isEqualTo(size);
            assertThat(result.error()).startsWith("started over: the source changed since the interrupted attempt")
                    .contains("mtime");
        }
        assertThat(TestFiles.sha256(sink.root().resolve(path))).isEqualTo(TestFiles.sha256(local));
        assertThat(sink.root().resolve(old.temporary())).doesNotExist();
    }

    @Test
    void aSourceRewrittenWithTheSameSizeAndMtimeStartsOverAndEndsByteIdenticalToTheNewBytes() throws Exception {
        String path = "rewritten/same-second.bin";
        long size = 4L * MiB + 5;
        TestFiles.random(source.root().resolve(path), size, 12, MTIME);
        TransferCheckpoint old = leaveCheckpoint(path, size, MTIME, 2);
        // cp -p or rsync -t: other bytes, the same size, the same mtime
        Path local = TestFiles.random(source.root().resolve(path), size, 13, MTIME);

        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, publish(path, size, SizeClass.LARGE, null));

            assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.resumedFrom()).isZero();
            assertThat(result.bytes()).isEqualTo(size);
            assertThat(result.error()).isEqualTo("started over: the source changed since the interrupted attempt "
                    + "(same size and mtime, other content)");
            assertThat(result.sha256()).isEqualTo(hashList(local, size, MiB));
        }
        assertThat(TestFiles.sha256(sink.root().resolve(path))).isEqualTo(TestFiles.sha256(local));
        assertThat(sink.root().resolve(old.temporary())).doesNotExist();
    }

    @Test
    void anAuditsContentDiffersCopiesAfreshThoughTheSinkMatchesBySizeAndMtimeAndACheckpointIsLeft()
            throws Exception {
        String path = "audited/tampered.bin";
        long size = 3L * MiB + 7;
        Path local = TestFiles.random(source.root().resolve(path), size, 21, MTIME);
        // What the audit found: other bytes of the same length at the sink, the mtime put back.
        TestFiles.random(sink.root().resolve(path), size, 22, MTIME);
        TransferCheckpoint old = leaveCheckpoint(path, size, MTIME, 2);
        FileDiscovered differs = FileDiscovered.of(UUID.randomUUID(), path, size, MTIME, size, MTIME,
                SyncReason.CONTENT_DIFFERS, SizeClass.LARGE, Instant.now());

        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, publish(differs));

            assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.resumedFrom()).as("nothing written before is trusted").isZero();
            assertThat(result.bytes()).isEqualTo(size);
            assertThat(result.error()).startsWith("started over: the integrity audit");
        }
        assertThat(TestFiles.sha256(sink.root().resolve(path))).isEqualTo(TestFiles.sha256(local));
        assertThat(sink.root().resolve(old.temporary())).doesNotExist();
    }

    @Test
    void aCheckpointRecordedBeforeFingerprintsIsNotTrustedButStartedOver() throws Exception {
        String path = "older/no-fingerprint.bin";
        long size = 3L * MiB;
        Path local = TestFiles.random(source.root().resolve(path), size, 14, MTIME);
        TransferCheckpoint old = leaveCheckpoint(path, size, MTIME, 2);
        jdbc.update("update large_transfer.transfer set source_fingerprint = null where id = ?", old.id());

        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, publish(path, size, SizeClass.LARGE, null));

            assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.resumedFrom()).isZero();
            assertThat(result.bytes()).isEqualTo(size);
            assertThat(result.error()).startsWith("started over: the interrupted attempt recorded no fingerprint");
        }
        assertThat(TestFiles.sha256(sink.root().resolve(path))).isEqualTo(TestFiles.sha256(local));
    }

    @Test
    void checksumVerificationFindsACorruptChunkAndCopiesOnlyItAgain() throws Exception {
        String path = "verified/corrupt.bin";
        long size = 4L * MiB;
        Path local = TestFiles.random(source.root().resolve(path), size, 6, MTIME);
        TransferCheckpoint t = leaveCheckpoint(path, size, MTIME, 4);
        try (RandomAccessFile f = new RandomAccessFile(sink.root().resolve(t.temporary()).toFile(), "rw")) {
            f.seek(MiB + 100);
            f.write(new byte[1000]);
        }

        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, publish(path, size, SizeClass.LARGE, null));

            assertThat(result.status()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(result.bytes()).isEqualTo(MiB);
        }
        assertThat(TestFiles.sha256(sink.root().resolve(path))).isEqualTo(TestFiles.sha256(local));
    }

    @Test
    void anOversizedFileWithoutApprovalIsRefusedAndNothingIsWritten() throws Exception {
        String path = "oversized/unapproved.bin";
        TestFiles.random(source.root().resolve(path), 2 * MiB, 7, MTIME);
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, publish(path, 2 * MiB, SizeClass.OVERSIZED, null));

            assertThat(result.status()).isEqualTo(TransferStatus.FAILED);
            assertThat(result.error()).startsWith("refused:").contains("approves");
        }
        assertThat(sink.root().resolve("oversized")).doesNotExist();
    }

    @Test
    void anApprovedSplitGivesPartsAndAManifestThatReassembleTheSource() throws Exception {
        String path = "approved/split.bin";
        long size = 5L * MiB + 7;
        Path local = TestFiles.random(source.root().resolve(path), size, 8, MTIME);
        Approval approval = new Approval("a-1", TransferStrategy.SPLIT, "ops", 2L * MiB);
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, publish(path, size, SizeClass.OVERSIZED, approval));

            assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.sha256()).isEqualTo(TestFiles.sha256(local));
            assertThat(result.error()).contains("3 part(s)");
        }
        Path parts = sink.root().resolve("approved");
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        for (String part : List.of("split.bin.part0001", "split.bin.part0002", "split.bin.part0003")) {
            whole.update(Files.readAllBytes(parts.resolve(part)));
        }
        assertThat(HexFormat.of().formatHex(whole.digest())).isEqualTo(TestFiles.sha256(local));
        assertThat(Files.readString(parts.resolve("split.bin.manifest.json"))).contains(TestFiles.sha256(local));
        assertThat(parts.resolve("split.bin")).doesNotExist();
        assertRedeliveryCopiesNothing(path, size, approval, parts, "SPLIT");
    }

    @Test
    void anApprovedCompressGivesAGzipThatDecompressesToTheSource() throws Exception {
        String path = "approved/compress.bin";
        long size = 3L * MiB + 1;
        Path local = TestFiles.random(source.root().resolve(path), size, 9, MTIME);
        Approval approval = new Approval("a-2", TransferStrategy.COMPRESS, "ops", null);
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, publish(path, size, SizeClass.OVERSIZED, approval));

            assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
            assertThat(result.bytes()).isEqualTo(size);
            assertThat(result.sha256()).isEqualTo(TestFiles.sha256(local));
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(sink.root().resolve(path + ".gz")))) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(TestFiles.sha256(local));
        assertRedeliveryCopiesNothing(path, size, approval, sink.root().resolve("approved"), "COMPRESS");
    }

    @Test
    void anApprovedSplitWhosePartNameASourceFileHasIsRefusedAndNothingIsWritten() throws Exception {
        String path = "clash/split.bin";
        TestFiles.random(source.root().resolve(path), 3L * MiB, 17, MTIME);
        TestFiles.random(source.root().resolve("clash/split.bin.part0002"), 100, 18, MTIME);
        Approval approval = new Approval("a-3", TransferStrategy.SPLIT, "ops", (long) MiB);
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult result = awaitResult(results, publish(path, 3L * MiB, SizeClass.OVERSIZED, approval));

            assertThat(result.status()).isEqualTo(TransferStatus.FAILED);
            assertThat(result.attempts()).isOne();
            assertThat(result.error()).startsWith("refused:")
                    .contains("the source file clash/split.bin.part0002");
        }
        assertThat(sink.root().resolve("clash")).doesNotExist();
    }

    /**
     * The same approved record delivered again (a consumer restart before its commit) is SKIPPED: the manifest
     * records the version, and no file of the set is written again (each keeps its inode and mtime).
     */
    private void assertRedeliveryCopiesNothing(String path, long size, Approval approval, Path dir, String strategy)
            throws Exception {
        String name = path.substring(path.lastIndexOf('/') + 1);
        Map<Path, Object> before = fileKeys(dir, name);
        assertThat(before).hasSizeGreaterThanOrEqualTo(2);
        long readBefore = source.bytesRead();
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            TransferResult again = awaitResult(results, publish(path, size, SizeClass.OVERSIZED, approval));

            assertThat(again.status()).as(again.error()).isEqualTo(TransferStatus.SKIPPED);
            assertThat(again.error()).contains("sink already holds this version as " + strategy);
        }
        assertThat(fileKeys(dir, name)).isEqualTo(before);
        assertThat(source.bytesRead()).as("nothing read from the source").isEqualTo(readBefore);
    }

    /** Inode and mtime of each file of a strategy's set. */
    private static Map<Path, Object> fileKeys(Path dir, String name) throws IOException {
        Map<Path, Object> keys = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(name + ".")).toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                keys.put(f, List.of(a.fileKey(), a.lastModifiedTime()));
            }
        }
        return keys;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unproven")
    void anApprovalWithoutAValidProofIsDeadLetteredWithItsReasonAndNothingIsCopied(String why,
            UnaryOperator<FileDiscovered> spoil, String reason) throws Exception {
        String path = "unproven/" + why.replace(' ', '-') + ".bin";
        TestFiles.random(source.root().resolve(path), MiB, 15, MTIME);
        FileDiscovered signed = PROOF.sign(event(path, MiB, SizeClass.OVERSIZED,
                new Approval("a-" + why, TransferStrategy.CHUNKED, "ops", null), MTIME));
        try (TopicReader dlt = new TopicReader(brokers, Topics.deadLetter(Topics.FILES_LARGE));
             TopicReader results = new TopicReader(brokers, Topics.RESULTS)) {
            FileDiscovered event = publish(spoil.apply(signed));

            ConsumerRecord<String, byte[]> dead = dlt.await(1, r -> r.key().equals(path), Duration.ofSeconds(30))
                    .get(0);
            assertThat(EventCodec.decode(dead.value(), FileDiscovered.class).eventId()).isEqualTo(event.eventId());
            assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(),
                    StandardCharsets.UTF_8)).contains(reason);
            // The next record of the topic is served, and no result came for the dead-lettered one.
            String after = "unproven/after-" + why.replace(' ', '-') + ".bin";
            TestFiles.random(source.root().resolve(after), MiB, 16, MTIME);
            FileDiscovered next = publish(after, MiB, SizeClass.LARGE, null);
            awaitResult(results, next);
            assertThat(results.await(0, r -> EventCodec.decode(r.value(), TransferResult.class).causationId()
                    .equals(event.eventId()), Duration.ZERO)).isEmpty();
        }
        assertThat(sink.root().resolve(path)).doesNotExist();
        assertThat(TestFiles.temporaries(sink.root().resolve("unproven"))).isEmpty();
    }

    static Stream<Arguments> unproven() {
        ApprovalProof otherKey = new ApprovalProof("another-key-the-approval-service-never-had-0123"
                .getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                Arguments.of("no proof", (UnaryOperator<FileDiscovered>) e -> e.withApproval(
                        e.approval().withProof(null)), "carries no proof"),
                Arguments.of("forged", (UnaryOperator<FileDiscovered>) e -> otherKey.sign(e),
                        "the proof does not match"),
                Arguments.of("tampered operator", (UnaryOperator<FileDiscovered>) e -> e.withApproval(new Approval(
                        e.approval().approvalId(), TransferStrategy.CHUNKED, "mallory", null, e.approval().proof())),
                        "the proof does not match"),
                Arguments.of("tampered size", (UnaryOperator<FileDiscovered>) e -> FileDiscovered.of(e.scanId(),
                        e.path(), e.size() - 1, e.sourceMtime(), null, null, SyncReason.MISSING, e.sizeClass(),
                        e.discoveredAt()).withApproval(e.approval()), "the proof does not match"),
                Arguments.of("external", (UnaryOperator<FileDiscovered>) e -> PROOF.sign(e.withApproval(
                        new Approval(e.approval().approvalId(), TransferStrategy.EXTERNAL, "ops", null))),
                        "EXTERNAL strategy is run by another system"));
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextIsStillServed() throws Exception {
        String path = "after-malformed.bin";
        TestFiles.random(source.root().resolve(path), MiB + 1, 10, MTIME);
        try (TopicReader dlt = new TopicReader(brokers, Topics.deadLetter(Topics.FILES_LARGE));
             TopicReader results = new TopicReader(brokers, Topics.RESULTS);
             KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.FILES_LARGE, "junk", "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
            FileDiscovered event = publish(path, MiB + 1, SizeClass.LARGE, null);

            assertThat(dlt.await(1, r -> r.key().equals("junk"), Duration.ofSeconds(30))).hasSize(1);
            assertThat(awaitResult(results, event).status()).isEqualTo(TransferStatus.SUCCEEDED);
        }
    }

    @Test
    void theJanitorRemovesAnAbandonedTransferAndItsTemporary() throws Exception {
        String path = "abandoned/file.bin";
        TestFiles.random(source.root().resolve(path), 2L * MiB, 11, MTIME);
        TestFiles.random(source.root().resolve("abandoned/recent.bin"), 2L * MiB, 12, MTIME);
        TransferCheckpoint t = leaveCheckpoint(path, 2L * MiB, MTIME, 1);
        TransferCheckpoint fresh = leaveCheckpoint("abandoned/recent.bin", 2L * MiB, MTIME, 0);
        jdbc.update("update large_transfer.transfer set updated_at = now() - interval '30 days' where id = ?", t.id());

        assertThat(janitor.sweep()).isEqualTo(1);

        assertThat(sink.root().resolve(t.temporary())).doesNotExist();
        assertThat(rows("select count(*) from large_transfer.transfer where id = ?", t.id())).isZero();
        assertThat(sink.root().resolve(fresh.temporary())).exists();
        assertThat(rows("select count(*) from large_transfer.transfer where id = ?", fresh.id())).isOne();
    }

    /**
     * What an instance that stopped mid-file leaves behind: a checkpoint row, the temporary at the sink with the
     * first {@code chunksDone} chunks in it, and those chunks recorded.
     */
    private TransferCheckpoint leaveCheckpoint(String path, long size, Instant mtime, int chunksDone)
            throws IOException {
        return LeftBehind.transfer(checkpoints, pools, path, size, mtime, MiB, chunksDone, false);
    }

    private FileDiscovered publish(String path, long size, SizeClass sizeClass, Approval approval) throws Exception {
        return publish(path, size, sizeClass, approval, MTIME);
    }

    /** Publishes the event, its approval (if any) signed as the approval service does. */
    private FileDiscovered publish(String path, long size, SizeClass sizeClass, Approval approval, Instant mtime)
            throws Exception {
        FileDiscovered event = event(path, size, sizeClass, approval, mtime);
        return publish(approval == null ? event : PROOF.sign(event));
    }

    private static FileDiscovered event(String path, long size, SizeClass sizeClass, Approval approval,
            Instant mtime) {
        FileDiscovered event = FileDiscovered.of(UUID.randomUUID(), path, size, mtime, null, null, SyncReason.MISSING,
                sizeClass, Instant.now());
        return approval == null ? event : event.withApproval(approval);
    }

    private FileDiscovered publish(FileDiscovered event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.FILES_LARGE, event.path(), EventCodec.encode(event))).get();
        }
        return event;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", brokers), new StringSerializer(),
                new ByteArraySerializer());
    }

    private static TransferResult awaitResult(TopicReader results, FileDiscovered event) {
        List<ConsumerRecord<String, byte[]>> found = results.await(1,
                r -> EventCodec.decode(r.value(), TransferResult.class).causationId().equals(event.eventId()),
                Duration.ofMinutes(2));
        assertThat(found).as("a result for " + event.path()).hasSize(1);
        return EventCodec.decode(found.get(0).value(), TransferResult.class);
    }

    private long rows(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    /** SHA-256 over the SHA-256 of each chunk of a local file. */
    private static String hashList(Path file, long size, long chunk) throws IOException {
        List<String> digests = new ArrayList<>();
        for (long offset = 0; offset < size; offset += chunk) {
            digests.add(TestFiles.sha256(file, offset, Math.min(chunk, size - offset)));
        }
        return RangeCopier.hashList(digests);
    }
}
