package io.sftpsync.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import io.sftpsync.approval.decision.Transitions;
import io.sftpsync.approval.expiry.Expiry;
import io.sftpsync.approval.intake.Intake;
import io.sftpsync.approval.intake.OversizedListener;
import io.sftpsync.approval.store.ApprovalStore;
import io.sftpsync.approval.transfer.Transfers;
import io.sftpsync.core.events.ApprovalDecided;
import io.sftpsync.core.events.ApprovalRequested;
import io.sftpsync.core.events.ExternalTransferRequested;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.FileHeld;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.ApiClient;
import io.sftpsync.testkit.ConsumerWaits;
import io.sftpsync.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service over real HTTP, on a real in-process broker and an embedded PostgreSQL: discoveries in, approvals
 * in the database, decisions through the API, and the records they publish.
 */
class ApprovalServiceIT extends ApprovalContext {

    @Autowired
    Intake intake;
    @Autowired
    ApprovalStore store;
    @Autowired
    Transitions transitions;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aDiscoveryDeliveredTwiceAndFoundAgainByAScanMakesOneApprovalAndOneRequest() throws Exception {
        String path = "dedupe/big.img";
        try (TopicReader approvals = new TopicReader(brokers, Topics.APPROVALS)) {
            FileDiscovered first = discovery(path, 20 * GiB, mtime());
            MTIMES.put(path, first.sourceMtime());
            send(Topics.FILES_OVERSIZED, path, first);
            send(Topics.FILES_OVERSIZED, path, first);
            String id = awaitApproval(path);
            FileDiscovered rescan = FileDiscovered.of(UUID.randomUUID(), path, first.size(), first.sourceMtime(),
                    null, null, SyncReason.MISSING, SizeClass.OVERSIZED, Instant.now());
            send(Topics.FILES_OVERSIZED, path, rescan);

            List<ConsumerRecord<String, byte[]>> requested = approvals.await(1, of(path, ApprovalRequested.class),
                    WAIT);
            assertThat(requested).hasSize(1);
            ApprovalRequested event = decode(requested.get(0), ApprovalRequested.class);
            assertThat(event.approvalId()).isEqualTo(id);
            assertThat(event.causationId()).isEqualTo(first.eventId());
            assertThat(event.sourceMtime()).isEqualTo(first.sourceMtime());
            // The re-scan's record is consumed after the first ones: once it is, nothing more is there.
            ConsumerWaits.awaitConsumed(brokers, Topics.FILES_OVERSIZED, "approvals", WAIT);
            assertThat(approvals.drain(Duration.ofSeconds(1))).filteredOn(of(path, ApprovalRequested.class)).hasSize(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM approval.approvals WHERE path = ?", Long.class, path))
                    .isEqualTo(1);
        }
        HttpResponse<String> one = viewer.get("/api/approvals/" + awaitApproval(path));
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(read(one, "$.state", String.class)).isEqualTo("PENDING");
        assertThat(read(one, "$.size", Long.class)).isEqualTo(20 * GiB);
        assertThat(read(one, "$.twoPersonRequired", Boolean.class)).isFalse();
        assertThat(Instant.parse(read(one, "$.sourceMtime", String.class))).isEqualTo(MTIMES.get(path));
        assertThat(one.body()).contains("\"progress\":null");
    }

    /**
     * A file the risk gate held (on {@code sftp.files.held}, delivered twice) is one PENDING approval that shows its
     * anomaly, which no approval policy decides (its path matches the nightly rule); SPLIT is refused with a 400
     * naming why, and approving it as CHUNKED publishes one signed discovery to the file's own class topic, whose
     * result finishes the approval.
     */
    @Test
    void aHeldFileIsOneApprovalShowingItsAnomalyAndRunsOnItsOwnClassTopicOnceApproved() throws Exception {
        String path = "nightly/held report.csv";
        FileDiscovered discovery = FileDiscovered.of(UUID.randomUUID(), path, 3_000_000, mtime(), 30_000_000L,
                mtime().minusSeconds(86_400), SyncReason.NEWER, SizeClass.MEDIUM, Instant.now());
        FileHeld held = FileHeld.of(discovery, "anomaly-1", "SIZE_SHRINK", "CRITICAL",
                "2.9 MiB is a tenth of the median 29 MiB of the last 10 versions", 0.9, Instant.now());
        send(Topics.FILES_HELD, path, held);
        send(Topics.FILES_HELD, path, held);
        String id = awaitApproval(path);
        ConsumerWaits.awaitConsumed(brokers, Topics.FILES_HELD, OversizedListener.GROUP, WAIT);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM approval.approvals WHERE path = ?", Long.class, path))
                .isEqualTo(1);

        HttpResponse<String> shown = viewer.get("/api/approvals/" + id);
        assertThat(read(shown, "$.state", String.class)).isEqualTo("PENDING");
        assertThat(read(shown, "$.size", Long.class)).isEqualTo(3_000_000L);
        assertThat(read(shown, "$.anomaly.id", String.class)).isEqualTo("anomaly-1");
        assertThat(read(shown, "$.anomaly.type", String.class)).isEqualTo("SIZE_SHRINK");
        assertThat(read(shown, "$.anomaly.severity", String.class)).isEqualTo("CRITICAL");
        assertThat(read(shown, "$.anomaly.sentence", String.class)).isEqualTo(held.sentence());

        try (TopicReader medium = new TopicReader(brokers, Topics.FILES_MEDIUM);
             TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE)) {
            HttpResponse<String> split = operator.post("/api/approvals/" + id + "/approve",
                    "{\"strategy\":\"SPLIT\",\"partSize\":\"1 MiB\"}");
            assertThat(split.statusCode()).isEqualTo(400);
            assertThat(read(split, "$.field", String.class)).isEqualTo("strategy");
            assertThat(read(split, "$.detail", String.class)).contains("risk gate held", "only as CHUNKED");
            assertThat(state(id)).isEqualTo("PENDING");

            HttpResponse<String> approved = operator.post("/api/approvals/" + id + "/approve",
                    "{\"strategy\":\"CHUNKED\",\"comment\":\"month-end purge, expected\"}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(read(approved, "$.state", String.class)).isEqualTo("APPROVED");

            FileDiscovered record = onlyRecord(medium, path);
            assertThat(record.eventId()).isNotEqualTo(discovery.eventId());
            assertThat(record.sizeClass()).isEqualTo(SizeClass.MEDIUM);
            assertThat(record.size()).isEqualTo(discovery.size());
            assertThat(record.sourceMtime()).isEqualTo(discovery.sourceMtime());
            assertThat(record.approval().approvalId()).isEqualTo(id);
            assertThat(record.approval().strategy()).isEqualTo(TransferStrategy.CHUNKED);
            assertThat(record.approval().operator()).isEqualTo("otto");
            assertThat(PROOF.verify(record)).isTrue();
            assertThat(large.drain(Duration.ofMillis(300))).filteredOn(r -> path.equals(r.key())).isEmpty();

            send(Topics.RESULTS, path, TransferResult.succeeded(record, 3_000_000, 40, "ab", 1, 0, null));
            awaitState(id, "DONE");
        }
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopic() {
        try (TopicReader dlt = new TopicReader(brokers, Topics.deadLetter(Topics.FILES_OVERSIZED))) {
            producer.send(new ProducerRecord<>(Topics.FILES_OVERSIZED, "broken", "{not json"
                    .getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            assertThat(dlt.await(1, r -> "broken".equals(r.key()), WAIT)).hasSize(1);
        }
    }

    @Test
    void theApiAnswers401403404400And409AsProblemDetails() throws Exception {
        String id = create("errors/file.bin", 20 * GiB);
        ApiClient anonymous = new ApiClient(port, null, null);

        assertThat(anonymous.get("/api/approvals").statusCode()).isEqualTo(401);
        assertThat(anonymous.post("/api/approvals/" + id + "/approve", "{\"strategy\":\"CHUNKED\"}").statusCode())
                .isEqualTo(401);
        assertThat(viewer.get("/api/approvals").statusCode()).isEqualTo(200);
        assertThat(viewer.post("/api/approvals/" + id + "/approve", "{\"strategy\":\"CHUNKED\"}").statusCode())
                .isEqualTo(403);

        HttpResponse<String> unknown = operator.get("/api/approvals/no-such-id");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(operator.post("/api/approvals/no-such-id/reject", "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(404);

        HttpResponse<String> noPartSize = operator.post("/api/approvals/" + id + "/approve",
                "{\"strategy\":\"SPLIT\"}");
        assertThat(noPartSize.statusCode()).isEqualTo(400);
        assertThat(noPartSize.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(read(noPartSize, "$.field", String.class)).isEqualTo("partSize");
        assertThat(read(noPartSize, "$.detail", String.class)).contains("partSize");
        HttpResponse<String> badStrategy = operator.post("/api/approvals/" + id + "/approve",
                "{\"strategy\":\"TELEPORT\"}");
        assertThat(badStrategy.statusCode()).isEqualTo(400);
        assertThat(read(badStrategy, "$.field", String.class)).isEqualTo("strategy");
        HttpResponse<String> badSize = operator.post("/api/approvals/" + id + "/approve",
                "{\"strategy\":\"SPLIT\",\"partSize\":\"lots\"}");
        assertThat(read(badSize, "$.field", String.class)).isEqualTo("partSize");
        HttpResponse<String> noReason = operator.post("/api/approvals/" + id + "/reject", "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(read(noReason, "$.field", String.class)).isEqualTo("reason");
        assertThat(operator.post("/api/approvals/" + id + "/approve", "not json").statusCode()).isEqualTo(400);
        assertThat(state(id)).isEqualTo("PENDING");

        assertThat(operator.post("/api/approvals/" + id + "/approve", "{\"strategy\":\"CHUNKED\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> rejectAfterApprove = operator.post("/api/approvals/" + id + "/reject",
                "{\"reason\":\"too late\"}");
        assertThat(rejectAfterApprove.statusCode()).isEqualTo(409);
        assertThat(read(rejectAfterApprove, "$.detail", String.class)).contains("APPROVED").contains("REJECTED");
        assertThat(read(rejectAfterApprove, "$.from", String.class)).isEqualTo("APPROVED");
        assertThat(operator.post("/api/approvals/" + id + "/retry", null).statusCode()).isEqualTo(409);
    }

    @Test
    void approvingSplitPublishesOneSignedRecordAndProgressThenResultDriveItToDone() throws Exception {
        String path = "split/disk image.raw";
        String id = create(path, 40 * GiB);
        try (TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE);
             TopicReader approvals = new TopicReader(brokers, Topics.APPROVALS)) {
            HttpResponse<String> approved = operator.post("/api/approvals/" + id + "/approve",
                    "{\"strategy\":\"SPLIT\",\"partSize\":\"2 MiB\",\"comment\":\"sink limit\"}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(read(approved, "$.state", String.class)).isEqualTo("APPROVED");
            assertThat(read(approved, "$.decidedBy", String.class)).isEqualTo("otto");
            assertThat(read(approved, "$.partSize", Long.class)).isEqualTo(2L << 20);

            FileDiscovered record = onlyRecord(large, path);
            assertThat(record.approval().approvalId()).isEqualTo(id);
            assertThat(record.approval().strategy()).isEqualTo(TransferStrategy.SPLIT);
            assertThat(record.approval().partSize()).isEqualTo(2L << 20);
            assertThat(record.approval().operator()).isEqualTo("otto");
            assertThat(record.sizeClass()).isEqualTo(SizeClass.OVERSIZED);
            assertThat(PROOF.verify(record)).isTrue();

            ApprovalDecided decided = decode(approvals.await(1, of(path, ApprovalDecided.class), WAIT).get(0),
                    ApprovalDecided.class);
            assertThat(decided.decision()).isEqualTo("APPROVED");
            assertThat(decided.decidedBy()).isEqualTo("otto");
            assertThat(decided.comment()).isEqualTo("sink limit");

            send(Topics.PROGRESS, path, new TransferProgress(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                    record.eventId(), path, 10L << 30, 40 * GiB, 3, 12, 5.0e8, 60L, Instant.now()));
            awaitState(id, "IN_PROGRESS");
            HttpResponse<String> running = viewer.get("/api/approvals/" + id);
            assertThat(read(running, "$.progress.bytesDone", Long.class)).isEqualTo(10L << 30);
            assertThat(read(running, "$.progress.totalBytes", Long.class)).isEqualTo(40 * GiB);
            assertThat(read(running, "$.progress.etaSeconds", Long.class)).isEqualTo(60L);


            send(Topics.RESULTS, path, TransferResult.succeeded(record, 4_200_000, 3_100, "ab", 1, 0, null));
            awaitState(id, "DONE");
            assertThat(read(viewer.get("/api/approvals/" + id), "$.outcome", String.class))
                    .isEqualTo("SUCCEEDED 4.2 MB in 3.1 s");
        }
        HttpResponse<String> history = viewer.get("/api/approvals/" + id + "/history");
        assertThat(history.statusCode()).isEqualTo(200);
        List<String> to = JsonPath.read(history.body(), "$[*].toState");
        assertThat(to).containsExactly("PENDING", "APPROVED", "IN_PROGRESS", "DONE");
        List<String> actors = JsonPath.read(history.body(), "$[*].actor");
        assertThat(actors).containsExactly("system", "otto", "transfer", "transfer");
        assertThatThrownBy(() -> jdbc.update("UPDATE approval.approval_history SET actor = 'mallory' "
                + "WHERE approval_id = ?", id)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM approval.approval_history WHERE approval_id = ?", id))
                .hasMessageContaining("append-only");
        assertThat(((Number) JsonPath.read(history.body(), "$[1].partSize")).longValue()).isEqualTo(2L << 20);

        HttpResponse<String> listed = viewer.get("/api/approvals?status=done,failed&path=disk%20image&size=5");
        assertThat(read(listed, "$.total", Long.class)).isEqualTo(1);
        assertThat(read(listed, "$.items[0].id", String.class)).isEqualTo(id);
        assertThat(read(viewer.get("/api/approvals?status=PENDING&path=disk%20image"), "$.total", Long.class))
                .isZero();
        assertThat(viewer.get("/api/approvals?size=201").statusCode()).isEqualTo(400);
        assertThat(viewer.get("/api/approvals?status=LOST").statusCode()).isEqualTo(400);
    }

    @Test
    void concurrentApprovesOfOneApprovalSucceedOnceAndPublishOneRecord() throws Exception {
        String path = "race/file.bin";
        String id = create(path, 20 * GiB);
        try (TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE);
             var pool = Executors.newFixedThreadPool(6)) {
            List<Callable<Integer>> approves = IntStream.range(0, 6)
                    .mapToObj(i -> (Callable<Integer>) () -> (i % 2 == 0 ? operator : operator2)
                            .post("/api/approvals/" + id + "/approve", "{\"strategy\":\"CHUNKED\"}").statusCode())
                    .toList();
            List<Integer> statuses = pool.invokeAll(approves).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
            onlyRecord(large, path);
        }
        List<String> to = JsonPath.read(viewer.get("/api/approvals/" + id + "/history").body(), "$[*].toState");
        assertThat(to).containsExactly("PENDING", "APPROVED");
    }

    @Test
    void progressOfOneApprovalIsStoredAtMostOnceAnInterval() throws Exception {
        String path = "progress/file.bin";
        String id = create(path, 20 * GiB);
        UUID runId;
        try (TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE)) {
            operator.post("/api/approvals/" + id + "/approve", "{\"strategy\":\"CHUNKED\"}");
            runId = onlyRecord(large, path).eventId();
        }
        // The service's own Transfers would see the wall clock: this one, on the same tables, a clock the test sets.
        Instant t0 = Instant.now();
        AtomicReference<Instant> now = new AtomicReference<>(t0);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        Transfers transfers = new Transfers(store, transactions, clock, Duration.ofSeconds(1));
        LongFunction<TransferProgress> progress = done -> new TransferProgress(
                SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), runId, path, done, 20 * GiB, 1, 20, 1e8, 10L,
                now.get());

        assertThat(transfers.progress(progress.apply(GiB))).isTrue();
        assertThat(state(id)).isEqualTo("IN_PROGRESS");
        now.set(t0.plusMillis(999));
        assertThat(transfers.progress(progress.apply(2 * GiB))).as("within the interval").isFalse();
        assertThat(read(viewer.get("/api/approvals/" + id), "$.progress.bytesDone", Long.class)).isEqualTo(GiB);
        now.set(t0.plusSeconds(1));
        assertThat(transfers.progress(progress.apply(3 * GiB))).isTrue();
        assertThat(read(viewer.get("/api/approvals/" + id), "$.progress.bytesDone", Long.class)).isEqualTo(3 * GiB);
        // A progress of no approval's run costs one lookup and changes nothing.
        assertThat(transfers.progress(new TransferProgress(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                UUID.randomUUID(), "other", 1, 2, 1, 2, 1, 1L, now.get()))).isFalse();
    }

    @Test
    void rejectingPublishesADecisionAndNothingToRunIt() throws Exception {
        String path = "reject/secret.bin";
        String id = create(path, 30 * GiB);
        try (TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE);
             TopicReader approvals = new TopicReader(brokers, Topics.APPROVALS)) {
            HttpResponse<String> rejected = operator.post("/api/approvals/" + id + "/reject",
                    "{\"reason\":\"not ours to copy\"}");
            assertThat(rejected.statusCode()).isEqualTo(200);
            assertThat(read(rejected, "$.state", String.class)).isEqualTo("REJECTED");
            assertThat(read(rejected, "$.comment", String.class)).isEqualTo("not ours to copy");

            ApprovalDecided decided = decode(approvals.await(1, of(path, ApprovalDecided.class), WAIT).get(0),
                    ApprovalDecided.class);
            assertThat(decided.decision()).isEqualTo("REJECTED");
            assertThat(decided.comment()).isEqualTo("not ours to copy");
            assertThat(large.drain(Duration.ofSeconds(1))).filteredOn(r -> path.equals(r.key())).isEmpty();
        }
        // A re-scan of the same version leaves it rejected.
        send(Topics.FILES_OVERSIZED, path, discovery(path, 30 * GiB, MTIMES.get(path)));
        ConsumerWaits.awaitConsumed(brokers, Topics.FILES_OVERSIZED, "approvals", WAIT);
        assertThat(state(id)).isEqualTo("REJECTED");
    }

    @Test
    void aChangedVersionSupersedesAPendingApproval() throws Exception {
        String path = "changing/log.bin";
        String old = create(path, 20 * GiB);
        try (TopicReader approvals = new TopicReader(brokers, Topics.APPROVALS)) {
            send(Topics.FILES_OVERSIZED, path, discovery(path, 21 * GiB, mtime()));
            awaitState(old, "SUPERSEDED");
            ApprovalDecided decided = decode(approvals.await(1, of(path, ApprovalDecided.class), WAIT).get(0),
                    ApprovalDecided.class);
            assertThat(decided.decision()).isEqualTo("SUPERSEDED");
            assertThat(decided.decidedBy()).isEqualTo("system");
        }
        HttpResponse<String> list = viewer.get("/api/approvals?path=changing/log.bin&status=PENDING");
        assertThat(read(list, "$.total", Long.class)).isEqualTo(1);
        assertThat(read(list, "$.items[0].size", Long.class)).isEqualTo(21 * GiB);
        assertThat(read(viewer.get("/api/approvals/" + old), "$.decidedBy", String.class)).isEqualTo("system");
    }

    @Test
    void aPolicyRuleApprovesWithoutAPersonAndSaysWhichRule() throws Exception {
        String path = "nightly/2026-12-03.tar";
        try (TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE)) {
            send(Topics.FILES_OVERSIZED, path, discovery(path, 100 * GiB, mtime()));
            FileDiscovered record = onlyRecord(large, path);
            assertThat(record.approval().operator()).isEqualTo("rule:nightly");
            assertThat(record.approval().strategy()).isEqualTo(TransferStrategy.COMPRESS);
            assertThat(PROOF.verify(record)).isTrue();
            String id = record.approval().approvalId();
            assertThat(state(id)).isEqualTo("APPROVED");
            assertThat(jdbc.queryForList("SELECT actor FROM approval.approval_history WHERE approval_id = ? "
                    + "AND to_state = 'APPROVED'", String.class, id)).containsExactly("rule:nightly");
        }
    }

    @Test
    void aboveTheTwoPersonThresholdTwoDifferentOperatorsMustAgree() throws Exception {
        String path = "huge/archive.tar";
        String id = create(path, 2048 * GiB);
        try (TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE)) {
            HttpResponse<String> first = operator.post("/api/approvals/" + id + "/approve",
                    "{\"strategy\":\"SPLIT\",\"partSize\":1073741824}");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(read(first, "$.state", String.class)).isEqualTo("PENDING");
            assertThat(read(first, "$.firstApprover", String.class)).isEqualTo("otto");
            assertThat(read(first, "$.twoPersonRequired", Boolean.class)).isTrue();

            HttpResponse<String> again = operator.post("/api/approvals/" + id + "/approve",
                    "{\"strategy\":\"SPLIT\",\"partSize\":1073741824}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(read(again, "$.detail", String.class)).contains("otto already approved");
            HttpResponse<String> other = operator2.post("/api/approvals/" + id + "/approve",
                    "{\"strategy\":\"CHUNKED\"}");
            assertThat(other.statusCode()).isEqualTo(409);
            assertThat(read(other, "$.detail", String.class)).contains("otto, chose SPLIT");
            assertThat(large.drain(Duration.ofMillis(500))).filteredOn(r -> path.equals(r.key())).isEmpty();

            HttpResponse<String> second = operator2.post("/api/approvals/" + id + "/approve",
                    "{\"strategy\":\"SPLIT\",\"partSize\":\"1GiB\"}");
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            assertThat(read(second, "$.state", String.class)).isEqualTo("APPROVED");
            assertThat(read(second, "$.decidedBy", String.class)).isEqualTo("olga");
            assertThat(read(second, "$.firstApprover", String.class)).isEqualTo("otto");
            FileDiscovered record = onlyRecord(large, path);
            assertThat(record.approval().operator()).isEqualTo("olga");
            assertThat(PROOF.verify(record)).isTrue();
        }
        List<String> actors = JsonPath.read(viewer.get("/api/approvals/" + id + "/history").body(), "$[*].actor");
        assertThat(actors).containsExactly("system", "otto", "olga");
    }

    @Test
    void aFailedTransferIsRetriedWithANewSignedRecord() throws Exception {
        String path = "retry/data.bin";
        String id = create(path, 50 * GiB);
        try (TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE)) {
            operator.post("/api/approvals/" + id + "/approve", "{\"strategy\":\"CHUNKED\"}");
            FileDiscovered first = onlyRecord(large, path);
            send(Topics.RESULTS, path, TransferResult.failed(first, 1_000, 5, "sink full"));
            awaitState(id, "FAILED");
            assertThat(read(viewer.get("/api/approvals/" + id), "$.outcome", String.class)).contains("sink full");

            HttpResponse<String> retried = operator2.post("/api/approvals/" + id + "/retry", null);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            assertThat(read(retried, "$.state", String.class)).isEqualTo("APPROVED");
            List<ConsumerRecord<String, byte[]>> records = large.await(2, r -> path.equals(r.key()), WAIT);
            assertThat(records).hasSize(2);
            FileDiscovered second = decode(records.get(1), FileDiscovered.class);
            assertThat(second.eventId()).isNotEqualTo(first.eventId());
            assertThat(second.approval().approvalId()).isEqualTo(id);
            assertThat(second.approval().strategy()).isEqualTo(TransferStrategy.CHUNKED);
            assertThat(second.approval().operator()).isEqualTo("otto");
            assertThat(PROOF.verify(second)).isTrue();

            // A late result of the first run is not this run's.
            send(Topics.RESULTS, path, TransferResult.succeeded(first, 1, 1, null, 1, 0, null));
            send(Topics.RESULTS, path, TransferResult.skipped(second, 10, "sink matches"));
            awaitState(id, "DONE");
            assertThat(read(viewer.get("/api/approvals/" + id), "$.outcome", String.class)).startsWith("SKIPPED");
        }
        assertThat(read(viewer.get("/api/approvals?path=retry/data.bin"), "$.total", Long.class)).isEqualTo(1);
    }

    @Test
    void anExternalApprovalIsHandedOverAndFinishedThroughTheOutcomeEndpoint() throws Exception {
        String path = "external/tape.img";
        String id = create(path, 60 * GiB);
        try (TopicReader external = new TopicReader(brokers, "it.external");
             TopicReader large = new TopicReader(brokers, Topics.FILES_LARGE)) {
            assertThat(operator.post("/api/approvals/" + id + "/approve", "{\"strategy\":\"EXTERNAL\"}")
                    .statusCode()).isEqualTo(200);
            List<ConsumerRecord<String, byte[]>> handed = external.await(1, r -> path.equals(r.key()), WAIT);
            assertThat(handed).hasSize(1);
            ExternalTransferRequested request = decode(handed.get(0), ExternalTransferRequested.class);
            assertThat(request.approvalId()).isEqualTo(id);
            assertThat(request.requestedBy()).isEqualTo("otto");
            assertThat(request.size()).isEqualTo(60 * GiB);
            assertThat(large.drain(Duration.ofMillis(500))).filteredOn(r -> path.equals(r.key())).isEmpty();
        }
        assertThat(viewer.post("/api/approvals/" + id + "/outcome", "{\"status\":\"DONE\"}").statusCode())
                .isEqualTo(403);
        assertThat(operator.post("/api/approvals/" + id + "/outcome", "{\"status\":\"MAYBE\"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> done = operator.post("/api/approvals/" + id + "/outcome",
                "{\"status\":\"DONE\",\"detail\":\"written to tape 7\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(read(done, "$.state", String.class)).isEqualTo("DONE");
        assertThat(read(done, "$.outcome", String.class)).isEqualTo("DONE: written to tape 7");
        assertThat(operator.post("/api/approvals/" + id + "/outcome", "{\"status\":\"FAILED\"}").statusCode())
                .isEqualTo(409);
    }

    @Test
    void aPendingApprovalExpiresAndTheSameVersionFoundAgainIsReopened() throws Exception {
        String path = "expiring/old.bin";
        String id = create(path, 25 * GiB);
        try (TopicReader approvals = new TopicReader(brokers, Topics.APPROVALS)) {
            // The job as the scheduler runs it, eight days from now.
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(8));
            Expiry expiry = new Expiry(store, transitions, Optional.of(Duration.ofDays(7)), transactions, later,
                    () -> { });
            assertThat(expiry.run()).isGreaterThanOrEqualTo(1);
            assertThat(state(id)).isEqualTo("EXPIRED");
            assertThat(read(viewer.get("/api/approvals/" + id), "$.decidedBy", String.class)).isEqualTo("system");
            ApprovalDecided decided = decode(approvals.await(1, of(path, ApprovalDecided.class), WAIT).get(0),
                    ApprovalDecided.class);
            assertThat(decided.decision()).isEqualTo("EXPIRED");

            send(Topics.FILES_OVERSIZED, path, discovery(path, 25 * GiB, MTIMES.get(path)));
            String reopened = awaitApproval(path);
            assertThat(reopened).isNotEqualTo(id);
            assertThat(state(reopened)).isEqualTo("PENDING");
            assertThat(state(id)).isEqualTo("EXPIRED");
        }
    }

    @Test
    void concurrentDeliveriesOfOneVersionMakeOneApproval() throws Exception {
        FileDiscovered event = discovery("concurrent/file.bin", 33 * GiB, mtime());
        List<Callable<Optional<String>>> calls = Collections.nCopies(8,
                () -> intake.receive(event));
        List<Optional<String>> created;
        try (var pool = Executors.newFixedThreadPool(8)) {
            created = pool.invokeAll(calls).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
        assertThat(created).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM approval.approvals WHERE path = ?", Long.class,
                event.path())).isEqualTo(1);
    }

    @Test
    void anExternalApprovalIsFinishedByAResultRecordNamingItsRequest() throws Exception {
        String path = "external/by-result.img";
        String id = create(path, 70 * GiB);
        ExternalTransferRequested request;
        try (TopicReader external = new TopicReader(brokers, "it.external")) {
            operator.post("/api/approvals/" + id + "/approve", "{\"strategy\":\"EXTERNAL\"}");
            request = decode(external.await(1, r -> path.equals(r.key()), WAIT).get(0),
                    ExternalTransferRequested.class);
        }
        send(Topics.RESULTS, path, new TransferResult(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                request.eventId(), UUID.randomUUID(), path, SizeClass.OVERSIZED,
                TransferStatus.FAILED, 0, 5_000, null, 1, 0, "tape library offline",
                Instant.now()));
        awaitState(id, "FAILED");
        assertThat(read(viewer.get("/api/approvals/" + id), "$.outcome", String.class))
                .isEqualTo("FAILED: tape library offline");
    }

    @Test
    void metricsAndTheOpenApiDocumentAreServed() throws Exception {
        String id = create("metrics/one.bin", 20 * GiB);
        operator.post("/api/approvals/" + id + "/reject", "{\"reason\":\"metrics\"}");
        HttpResponse<String> prometheus = new ApiClient(port, null, null).get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("sync_approvals_pending")
                .containsPattern("sync_approvals_decisions_total\\{[^}]*by=\"otto\"[^}]*outcome=\"rejected\"")
                .contains("sync_approvals_time_to_decision_seconds_bucket");

        assertThat(new ApiClient(port, null, null).get("/v3/api-docs").statusCode()).isEqualTo(401);
        HttpResponse<String> docs = viewer.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/approvals/{id}/approve").contains("/api/approvals/{id}/history");
        assertThat(viewer.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        // Everything sent: the outbox keeps nothing once the broker acknowledged it.
        Instant deadline = Instant.now().plus(WAIT);
        while (jdbc.queryForObject("SELECT count(*) FROM approval.outbox", Long.class) > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM approval.outbox", Long.class)).isZero();
    }
}
