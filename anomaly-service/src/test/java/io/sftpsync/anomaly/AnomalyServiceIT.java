package io.sftpsync.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.anomaly.consume.AnomalyListener;
import io.sftpsync.anomaly.consume.LateArrivals;
import io.sftpsync.anomaly.consume.Observations;
import io.sftpsync.anomaly.gate.ScreeningListener;
import io.sftpsync.anomaly.retention.Retention;
import io.sftpsync.anomaly.store.FileVersions;
import io.sftpsync.core.events.AnomalyDetected;
import io.sftpsync.core.events.Approval;
import io.sftpsync.core.events.ApprovalDecided;
import io.sftpsync.core.events.ApprovalRequested;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileAudited;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.FileHeld;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.testkit.ConsumerWaits;
import io.sftpsync.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service on a real in-process broker and the embedded PostgreSQL: events in, every one delivered twice;
 * each anomaly exactly once in {@code anomaly.anomalies} and on {@code sftp.anomalies}; the risk gate on, between
 * {@code sftp.files.screening} and the class and held topics. The API on a random port,
 * called as curl would with the users vera (viewer) and otto (operator). The context is {@link AnomalyContext}'s.
 */
class AnomalyServiceIT extends AnomalyContext {

    @Autowired
    MeterRegistry meters;
    @Autowired
    Retention retention;
    @Autowired
    Observations observations;
    @Autowired
    LateArrivals lateArrivals;
    @Autowired
    MovableClock lateArrivalClock;

    @Test
    void tenNormalVersionsThenOneFifteenTimesAsLargeIsOneCriticalSizeGrowth() throws Exception {
        String path = "growth/daily.csv";
        UUID scan = UUID.randomUUID();
        Instant start = Instant.now().minus(20, ChronoUnit.DAYS);
        List<FileDiscovered> versions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            versions.add(discovery(scan, path, 1_000, start.plus(i, ChronoUnit.DAYS)));
        }
        versions.add(discovery(scan, path, 15_000, start.plus(10, ChronoUnit.DAYS)));
        // The counter is the context's: the other tests of the shared context count too.
        double counted = meters.counter("sync.anomalies", "type", "SIZE_GROWTH", "severity", "CRITICAL").count();
        // Every event twice: the whole sequence, then again (a redelivery after later versions were recorded).
        for (int round = 0; round < 2; round++) {
            for (FileDiscovered v : versions) {
                send(Topics.FILES_SMALL, path, v);
            }
        }

        AnomalyDetected growth = onlyAnomaly(path, Topics.FILES_SMALL);
        assertThat(growth.type()).isEqualTo("SIZE_GROWTH");
        assertThat(growth.severity()).isEqualTo("CRITICAL");
        assertThat(growth.causationId()).isEqualTo(versions.get(10).eventId());
        assertThat(growth.message()).contains("15.0×", "the last 10 versions");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anomaly.file_versions WHERE path = ?", Long.class, path))
                .isEqualTo(11);
        assertThat(meters.counter("sync.anomalies", "type", "SIZE_GROWTH", "severity", "CRITICAL").count())
                .isEqualTo(counted + 1);

        // Its history over the API: the 11 versions (each recorded once), newest first; no transfers.
        HttpResponse<String> history = viewer.get("/api/files/history?path=" + encode(path));
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(read(history, "$.versions.length()", Integer.class)).isEqualTo(11);
        assertThat(read(history, "$.versions[0].size", Long.class)).isEqualTo(15_000);
        assertThat(read(history, "$.versions[10].size", Long.class)).isEqualTo(1_000);
        assertThat(read(history, "$.transfers.length()", Integer.class)).isZero();
    }

    /**
     * A consumed batch is recorded and judged with a few statements, yet each file as if alone: against what was
     * recorded before it, the batch's earlier files included, and a redelivered batch against the same history.
     */
    @Test
    void aBatchIsJudgedFileByFileAgainstWhatCameBeforeEachFile() {
        // Without digits: a directory's digits would make every name in it a pattern.
        String dir = "batch-" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        UUID scan = UUID.randomUUID();
        Instant t = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<FileDiscovered> batch = List.of(discovery(scan, dir + "/a.txt", 100, t),
                discovery(scan, dir + "/a.txt", 200, t.plusSeconds(1)), discovery(scan, dir + "/b.txt", 300, t),
                discovery(scan, dir + "/report-01.csv", 10, t), discovery(scan, dir + "/report-02.csv", 20, t));

        List<FileVersions.Version> versions = fileVersions.record(batch);
        assertThat(versions).extracting(FileVersions.Version::id).isSorted().doesNotHaveDuplicates();
        assertThat(fileVersions.pathSizes(versions, 30))
                .containsExactly(List.of(), List.of(100L), List.of(), List.of(), List.of());
        // The latest size of each other path of the directory, newest first.
        assertThat(fileVersions.directorySizes(versions, 30)).containsExactly(List.of(), List.of(),
                List.of(200L), List.of(300L, 200L), List.of(10L, 300L, 200L));
        assertThat(fileVersions.patternSizes(versions, 30))
                .containsExactly(List.of(), List.of(), List.of(), List.of(), List.of(10L));

        // Redelivered: the same rows, and the same histories.
        List<FileVersions.Version> again = fileVersions.record(batch);
        assertThat(again).isEqualTo(versions);
        assertThat(fileVersions.directorySizes(again, 30).get(4)).containsExactly(10L, 300L, 200L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anomaly.file_versions WHERE directory = ?", Long.class,
                dir)).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anomaly.arrivals WHERE directory = ?", Long.class,
                dir)).isEqualTo(4);

        // Ten normal versions and a 15x one in one batch: the last is judged against the ten before it.
        String path = dir + "/daily/daily.bin";
        List<FileDiscovered> daily = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            daily.add(discovery(scan, path, 1_000, t.plus(i, ChronoUnit.HOURS)));
        }
        daily.add(discovery(scan, path, 15_000, t.plus(10, ChronoUnit.HOURS)));
        observations.discovered(daily);
        assertThat(jdbc.queryForList("SELECT type || ' ' || causation_id FROM anomaly.anomalies WHERE path = ?",
                String.class, path)).containsExactly("SIZE_GROWTH " + daily.get(10).eventId());
    }

    /**
     * The risk gate: ten normal versions and one twice as large (a WARNING) are forwarded unchanged to the class
     * topic; a version shrunk below a tenth is held on {@code sftp.files.held} with its CRITICAL anomaly and never
     * reaches the class topic, also when redelivered or found again by a later scan; one anomaly each.
     */
    @Test
    void theRiskGateForwardsNormalVersionsAndHoldsOneShrunkBelowATenthHoweverOftenItComes() throws Exception {
        String path = "gate/daily.csv";
        UUID scan = UUID.randomUUID();
        Instant start = Instant.now().minus(20, ChronoUnit.DAYS);
        List<FileDiscovered> passing = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            passing.add(discovery(scan, path, 1_000, start.plus(i, ChronoUnit.DAYS)));
        }
        passing.add(discovery(scan, path, 2_000, start.plus(10, ChronoUnit.DAYS)));
        FileDiscovered shrunk = discovery(scan, path, 90, start.plus(11, ChronoUnit.DAYS));
        try (TopicReader small = new TopicReader(brokers, Topics.FILES_SMALL);
                TopicReader held = new TopicReader(brokers, Topics.FILES_HELD)) {
            for (FileDiscovered v : passing) {
                send(Topics.FILES_SCREENING, path, v);
            }
            send(Topics.FILES_SCREENING, path, shrunk);

            List<FileHeld> holds = held.await(1, r -> path.equals(r.key()), WAIT).stream()
                    .map(r -> EventCodec.decode(r.value(), FileHeld.class)).toList();
            assertThat(holds).hasSize(1);
            FileHeld hold = holds.get(0);
            assertThat(hold.discovery()).isEqualTo(shrunk);
            assertThat(hold.type()).isEqualTo("SIZE_SHRINK");
            assertThat(hold.severity()).isEqualTo("CRITICAL");
            assertThat(hold.sentence()).isEqualTo(jdbc.queryForObject(
                    "SELECT message FROM anomaly.anomalies WHERE id = ?", String.class, hold.anomalyId()));
            assertThat(hold.sentence()).contains("90 B");

            // Redelivered, and the same version found again by a later scan (a new event): held each time.
            send(Topics.FILES_SCREENING, path, shrunk);
            send(Topics.FILES_SCREENING, path, discovery(UUID.randomUUID(), path, 90, shrunk.sourceMtime()));
            assertThat(held.await(3, r -> path.equals(r.key()), WAIT)).hasSize(3)
                    .allSatisfy(r -> assertThat(EventCodec.decode(r.value(), FileHeld.class).anomalyId())
                            .isEqualTo(hold.anomalyId()));
            ConsumerWaits.awaitConsumed(brokers, Topics.FILES_SCREENING, ScreeningListener.GROUP, WAIT);

            List<FileDiscovered> forwarded = small.await(passing.size(), r -> path.equals(r.key()), WAIT).stream()
                    .map(r -> EventCodec.decode(r.value(), FileDiscovered.class)).toList();
            assertThat(forwarded).containsExactlyElementsOf(passing);
            assertThat(small.drain(Duration.ofMillis(500))).filteredOn(r -> path.equals(r.key()))
                    .hasSize(passing.size());
            assertThat(held.drain(Duration.ofMillis(200))).filteredOn(r -> path.equals(r.key())).hasSize(3);
        }
        ConsumerWaits.awaitConsumed(brokers, Topics.FILES_SMALL, AnomalyListener.GROUP, WAIT);
        assertThat(jdbc.queryForList("SELECT type || ' ' || severity FROM anomaly.anomalies WHERE path = ?",
                String.class, path)).containsExactlyInAnyOrder("SIZE_GROWTH WARNING", "SIZE_SHRINK CRITICAL");
    }

    @Test
    void aFutureMtimeIsOneFutureTimestampHoweverOftenItIsDeliveredOrScanned() throws Exception {
        String path = "future/clock.txt";
        Instant mtime = Instant.now().plus(2, ChronoUnit.DAYS).plusNanos(123_456_789);
        FileDiscovered first = discovery(UUID.randomUUID(), path, 10, mtime);
        send(Topics.FILES_SMALL, path, first);
        send(Topics.FILES_SMALL, path, first);
        // A later scan finds the same version again: a new event, the same dedupe key.
        send(Topics.FILES_SMALL, path, discovery(UUID.randomUUID(), path, 10, mtime));

        AnomalyDetected future = onlyAnomaly(path, Topics.FILES_SMALL);
        assertThat(future.type()).isEqualTo("FUTURE_TIMESTAMP");
        assertThat(future.severity()).isEqualTo("CRITICAL");
        assertThat(future.causationId()).isEqualTo(first.eventId());
    }

    @Test
    void aFailedResultWhoseChecksumDidNotMatchIsOneChecksumMismatchAndOneInterrupted() throws Exception {
        String path = "verify/data.bin";
        FileDiscovered cause = discovery(UUID.randomUUID(), path, 4_096, Instant.now().minusSeconds(3_600));
        // As transfer-service's Verifier words it, through TransferErrors.describe.
        TransferResult failed = TransferResult.failed(cause, 1_200, 3, "VerificationFailedException: sink SHA-256 "
                + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 differs from the streamed "
                + "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
        send(Topics.RESULTS, path, failed);
        send(Topics.RESULTS, path, failed);

        awaitStored(path, 2);
        ConsumerWaits.awaitConsumed(brokers, Topics.RESULTS, AnomalyListener.GROUP, WAIT);
        List<AnomalyDetected> published = published(path, 2);
        assertThat(published).extracting(AnomalyDetected::type)
                .containsExactlyInAnyOrder("CHECKSUM_MISMATCH", "INTERRUPTED");
        AnomalyDetected checksum = published.stream().filter(a -> a.type().equals("CHECKSUM_MISMATCH")).findFirst()
                .orElseThrow();
        assertThat(checksum.severity()).isEqualTo("CRITICAL");
        assertThat(checksum.causationId()).isEqualTo(cause.eventId());
        assertThat(checksum.message()).contains("9f86d081884c", "2c26b46b68ff");
        assertThat(stored(path)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anomaly.transfers WHERE path = ?", Long.class, path))
                .isEqualTo(1);
    }

    @Test
    void anAuditsMismatchDeliveredTwiceAndFoundAgainIsOneChecksumMismatchAndAMatchIsNone() throws Exception {
        String path = "audit/tampered.bin";
        Instant mtime = Instant.parse("2026-11-27T05:40:12Z");
        String source = "9f3c" + "0".repeat(60);
        String sink = "ab12" + "1".repeat(60);
        FileAudited differs = FileAudited.of(UUID.randomUUID(), path, 1_258_291, mtime, source, sink, Instant.now());
        send(Topics.AUDITS, path, differs);
        send(Topics.AUDITS, path, differs);
        // A second audit before the re-sync: the same bad bytes, a new audit.
        send(Topics.AUDITS, path, FileAudited.of(UUID.randomUUID(), path, 1_258_291, mtime, source, sink,
                Instant.now()));
        send(Topics.AUDITS, "audit/fine.bin", FileAudited.of(UUID.randomUUID(), "audit/fine.bin", 10, mtime, source,
                source, Instant.now()));

        AnomalyDetected mismatch = onlyAnomaly(path, Topics.AUDITS);
        assertThat(mismatch.type()).isEqualTo("CHECKSUM_MISMATCH");
        assertThat(mismatch.severity()).isEqualTo("CRITICAL");
        assertThat(mismatch.causationId()).isEqualTo(differs.auditId());
        assertThat(mismatch.message()).contains("ab1211111111", "9f3c00000000", "1.2 MiB", "2026-11-27T05:40:12Z",
                "queued for re-sync");
        assertThat(stored("audit/fine.bin")).isZero();

        HttpResponse<String> listed = viewer.get("/api/anomalies?type=CHECKSUM_MISMATCH&path=" + encode(path));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(read(listed, "$.total", Integer.class)).isEqualTo(1);
        assertThat(read(listed, "$.items[0].id", String.class)).isEqualTo(mismatch.anomalyId());
    }

    @Test
    void aScanThatSeesNoFilesAfterFiveThatSawAHundredIsOneScanVolumeAndASubtreesScanIsNone() throws Exception {
        List<ScanCompleted> scans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            scans.add(scan(100));
        }
        // A scan of one subtree (asked for over Kafka) sees a part of the tree: no SCAN_VOLUME for it.
        scans.add(scan(2).scoped("reports/2026", UUID.randomUUID()));
        scans.add(scan(0));
        for (int round = 0; round < 2; round++) {
            for (ScanCompleted s : scans) {
                send(Topics.SCANS, "scan", s);
            }
        }
        // Scan anomalies have no path: counted by type, as other scans of this suite may raise RESOURCE_IMPACT.
        awaitStored("", "SCAN_VOLUME", 1);
        ConsumerWaits.awaitConsumed(brokers, Topics.SCANS, AnomalyListener.GROUP, WAIT);
        List<AnomalyDetected> published = published("", "SCAN_VOLUME", 1);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).type()).isEqualTo("SCAN_VOLUME");
        assertThat(published.get(0).severity()).isEqualTo("CRITICAL");
        assertThat(published.get(0).message()).contains("no files seen", "looks empty");
        assertThat(stored("", "SCAN_VOLUME")).isEqualTo(1);
    }

    @Test
    void aTransferSilentForTooLongIsOneStalledTransferAndOneThatFinishedIsNone() throws Exception {
        String stalledPath = "stall/big.iso";
        String donePath = "stall/done.iso";
        UUID stalledCause = UUID.randomUUID();
        FileDiscovered done = new FileDiscovered(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                UUID.randomUUID(), donePath, 1 << 20, Instant.now().minusSeconds(60), null, null, SyncReason.MISSING,
                SizeClass.LARGE, Instant.now(), null);
        TransferProgress stalling = new TransferProgress(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                stalledCause, stalledPath, 64 << 10, 1 << 20, 0, 16, 1e6, 1L, Instant.now());
        send(Topics.PROGRESS, stalledPath, stalling);
        send(Topics.PROGRESS, stalledPath, stalling);
        send(Topics.PROGRESS, donePath, new TransferProgress(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                done.eventId(), donePath, 64 << 10, 1 << 20, 0, 16, 1e6, 1L, Instant.now()));
        send(Topics.RESULTS, donePath, TransferResult.succeeded(done, 1 << 20, 900, null, 1, 0, null));

        AnomalyDetected stall = onlyAnomaly(stalledPath, Topics.PROGRESS);
        assertThat(stall.type()).isEqualTo("STALLED_TRANSFER");
        assertThat(stall.severity()).isEqualTo("WARNING");
        assertThat(stall.causationId()).isEqualTo(stalledCause);
        assertThat(stall.message()).contains("no progress for", "64 KiB of 1 MiB");
        // Three more checks at least (every 250 ms): still one.
        Thread.sleep(1_000);
        assertThat(stored(stalledPath)).isEqualTo(1);
        assertThat(stored(donePath)).isZero();
    }

    @Test
    void aScanWhoseDeletionsAGuardWithheldIsOneCriticalMassDeletionHoweverOftenDelivered() throws Exception {
        // Of a subtree, which no SCAN_VOLUME judges: the anomaly names it as its path.
        ScanCompleted withheld = scan(10, Map.of(), null).scoped("mirror/a", null).withDeletions(
                new ScanCompleted.Deletions(400, 400, "400 sink files the source lacks: more than sync.delete.max=100"));
        ScanCompleted allowed = scan(10, Map.of(), null).scoped("mirror/a", null)
                .withDeletions(new ScanCompleted.Deletions(3, 400, null));
        for (int round = 0; round < 2; round++) {
            send(Topics.SCANS, "scan", withheld);
            send(Topics.SCANS, "scan", allowed);
        }
        awaitStored("mirror/a", "MASS_DELETION", 1);
        ConsumerWaits.awaitConsumed(brokers, Topics.SCANS, AnomalyListener.GROUP, WAIT);

        List<AnomalyDetected> published = published("mirror/a", "MASS_DELETION", 1);
        assertThat(published).as("one, for the scan whose deletions were withheld").hasSize(1);
        assertThat(published.get(0).severity()).isEqualTo("CRITICAL");
        assertThat(published.get(0).causationId()).isEqualTo(withheld.scanId());
        assertThat(published.get(0).message())
                .isEqualTo("no sink file deleted: 400 sink files the source lacks: more than sync.delete.max=100");
        assertThat(stored("mirror/a", "MASS_DELETION")).isEqualTo(1);
    }

    @Test
    void aScanQueuingMoreThanTheSinksFreeSpaceIsOneResourceImpactHoweverOftenDelivered() throws Exception {
        ScanCompleted tooMuch = scan(100, Map.of(SizeClass.LARGE, 5L << 30, SizeClass.SMALL, 1L << 20), 1L << 30);
        ScanCompleted fits = scan(100, Map.of(SizeClass.SMALL, 1L << 20), 1L << 30);
        ScanCompleted unknown = scan(100, Map.of(SizeClass.LARGE, 5L << 30), null);
        for (int round = 0; round < 2; round++) {
            send(Topics.SCANS, "scan", tooMuch);
            send(Topics.SCANS, "scan", fits);
            send(Topics.SCANS, "scan", unknown);
        }
        awaitStored("", "RESOURCE_IMPACT", 1);
        ConsumerWaits.awaitConsumed(brokers, Topics.SCANS, AnomalyListener.GROUP, WAIT);

        List<AnomalyDetected> published = published("", "RESOURCE_IMPACT", 1);
        assertThat(published).as("one, for the scan that does not fit").hasSize(1);
        AnomalyDetected impact = published.get(0);
        assertThat(impact.severity()).isEqualTo("CRITICAL");
        assertThat(impact.causationId()).isEqualTo(tooMuch.scanId());
        assertThat(impact.message()).isEqualTo("5.0 GiB queued for the sink is more than its free space 1 GiB");
        assertThat(stored("", "RESOURCE_IMPACT")).isEqualTo(1);
    }

    @Test
    void aDirectoryWhoseDailyFileFailsToArriveIsOneLateArrivalPerMissedDay() throws Exception {
        String directory = "late/feed";
        // A file every day at 06:00 for eight days, the last one three days ago, each found by its own scan.
        Instant lastArrival = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS)
                .plusSeconds(6 * 3600);
        List<FileDiscovered> arrivals = new ArrayList<>();
        for (int day = 7; day >= 0; day--) {
            Instant at = lastArrival.minus(day, ChronoUnit.DAYS);
            arrivals.add(FileDiscovered.of(UUID.randomUUID(), directory + "/export-" + day + ".csv", 2_000,
                    at.minusSeconds(60), null, null, SyncReason.MISSING, SizeClass.SMALL, at));
        }
        for (int round = 0; round < 2; round++) {
            for (FileDiscovered a : arrivals) {
                send(Topics.FILES_SMALL, a.path(), a);
            }
        }
        ConsumerWaits.awaitConsumed(brokers, Topics.FILES_SMALL, AnomalyListener.GROUP, WAIT);
        Instant due = lastArrival.plus(1, ChronoUnit.DAYS);

        // Due by 06:00 the next day; the default tolerance is 2h.
        lateArrivalClock.set(due.plus(2, ChronoUnit.HOURS));
        lateArrivals.check();
        assertThat(stored(directory)).as("on time, within the tolerance").isZero();

        lateArrivalClock.set(due.plus(2, ChronoUnit.HOURS).plusSeconds(60));
        lateArrivals.check();
        lateArrivals.check();
        AnomalyDetected late = onlyAnomaly(directory, Topics.FILES_SMALL);
        assertThat(late.type()).isEqualTo("LATE_ARRIVAL");
        assertThat(late.severity()).isEqualTo("WARNING");
        assertThat(late.causationId()).isNull();
        assertThat(late.message()).startsWith("no new file in late/feed/ since ")
                .contains("one usually arrives every day by 06:00 (learnt from 8 arrivals)", "1 min overdue");

        // A day later the next file is missing too: one more, CRITICAL; checking again adds none.
        lateArrivalClock.set(due.plus(1, ChronoUnit.DAYS).plus(2, ChronoUnit.HOURS).plusSeconds(60));
        lateArrivals.check();
        lateArrivals.check();
        awaitStored(directory, 2);
        List<AnomalyDetected> both = published(directory, 2);
        assertThat(both).extracting(AnomalyDetected::severity).containsExactly("WARNING", "CRITICAL");
        assertThat(both.get(1).message()).contains("2 files missing");
        assertThat(stored(directory)).isEqualTo(2);
    }

    @Test
    void aDatePartitionedFeedIsJudgedByItsNamePatternNotByItsOneFileDirectories() throws Exception {
        String pattern = "drop/*/*/*/orders.csv";
        Instant lastArrival = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS)
                .plusSeconds(5 * 3600);
        for (int day = 7; day >= 0; day--) {
            Instant at = lastArrival.minus(day, ChronoUnit.DAYS);
            String path = "drop/" + at.atZone(ZoneOffset.UTC).toLocalDate().toString().replace('-', '/')
                    + "/orders.csv";
            send(Topics.FILES_SMALL, path, FileDiscovered.of(UUID.randomUUID(), path, 2_000, at.minusSeconds(60),
                    null, null, SyncReason.MISSING, SizeClass.SMALL, at));
        }
        ConsumerWaits.awaitConsumed(brokers, Topics.FILES_SMALL, AnomalyListener.GROUP, WAIT);

        lateArrivalClock.set(lastArrival.plus(1, ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS));
        lateArrivals.check();

        AnomalyDetected late = onlyAnomaly(pattern, Topics.FILES_SMALL);
        assertThat(late.type()).isEqualTo("LATE_ARRIVAL");
        assertThat(late.message()).startsWith("no new file in " + pattern + " since ")
                .contains("every day by 05:00 (learnt from 8 arrivals)");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anomaly.anomalies WHERE path LIKE 'drop/2%'",
                Long.class)).as("one file a directory: no rhythm of their own").isZero();
    }

    @Test
    void approvalRequestsAndDecisionsAreInTheFilesHistoryOnceEach() throws Exception {
        String path = "approval/huge.iso";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        FileDiscovered cause = FileDiscovered.of(UUID.randomUUID(), path, 20L << 30, now.minusSeconds(3_600), null,
                null, SyncReason.MISSING, SizeClass.OVERSIZED, now.minusSeconds(120));
        ApprovalRequested requested = ApprovalRequested.of("ap-1", cause, now.minusSeconds(60));
        ApprovalDecided approved = new ApprovalDecided(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), "ap-1",
                path, 20L << 30, "APPROVED", TransferStrategy.SPLIT, 1L << 30, "otto", "split for the slow link", now);
        for (int round = 0; round < 2; round++) {
            send(Topics.APPROVALS, path, requested);
            send(Topics.APPROVALS, path, approved);
        }
        ConsumerWaits.awaitConsumed(brokers, Topics.APPROVALS, AnomalyListener.GROUP, WAIT);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anomaly.approvals WHERE path = ?", Long.class, path))
                .isEqualTo(2);

        HttpResponse<String> history = viewer.get("/api/files/history?path=" + encode(path));
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(read(history, "$.approvals.length()", Integer.class)).isEqualTo(2);
        assertThat(read(history, "$.approvals[0].outcome", String.class)).isEqualTo("APPROVED");
        assertThat(read(history, "$.approvals[0].decidedBy", String.class)).isEqualTo("otto");
        assertThat(read(history, "$.approvals[0].strategy", String.class)).isEqualTo("SPLIT");
        assertThat(read(history, "$.approvals[0].comment", String.class)).isEqualTo("split for the slow link");
        assertThat(Instant.parse(read(history, "$.approvals[0].at", String.class))).isEqualTo(now);
        assertThat(read(history, "$.approvals[1].outcome", String.class)).isEqualTo("REQUESTED");
        assertThat(read(history, "$.approvals[1].approvalId", String.class)).isEqualTo("ap-1");
        assertThat(read(history, "$.approvals[1].size", Long.class)).isEqualTo(20L << 30);
        assertThat(read(history, "$.approvals[1].decidedBy", String.class)).isNull();
    }

    @Test
    void extremeSizeIsJudgedAgainstTheConfiguredSizeClasses() throws Exception {
        // 2 GiB is 20x the default small boundary (100 MiB) but under the configured 5 GiB: no anomaly.
        String fits = "thresholds/fits.bin";
        String extreme = "thresholds/extreme.bin";
        Instant mtime = Instant.now().minusSeconds(600);
        send(Topics.FILES_SMALL, fits, FileDiscovered.of(UUID.randomUUID(), fits, 2L << 30, mtime, null, null,
                SyncReason.MISSING, SizeClass.SMALL, Instant.now()));
        send(Topics.FILES_SMALL, extreme, FileDiscovered.of(UUID.randomUUID(), extreme, 60L << 30, mtime, null, null,
                SyncReason.MISSING, SizeClass.SMALL, Instant.now()));

        AnomalyDetected found = onlyAnomaly(extreme, Topics.FILES_SMALL);
        assertThat(found.type()).isEqualTo("EXTREME_SIZE");
        assertThat(found.message()).isEqualTo("60 GiB is 12.0× the SMALL class boundary 5 GiB (limit 10.0×)");
        assertThat(stored(fits)).isZero();
    }

    @Test
    void malformedRecordsOfItsOwnTopicsAreDeadLetteredAndThoseOfObservedTopicsLeftToTheirOwners() throws Exception {
        try (TopicReader files = new TopicReader(brokers, Topics.deadLetter(Topics.FILES_MEDIUM));
                TopicReader results = new TopicReader(brokers, Topics.deadLetter(Topics.RESULTS));
                TopicReader approvals = new TopicReader(brokers, Topics.deadLetter(Topics.APPROVALS))) {
            producer.send(new ProducerRecord<>(Topics.FILES_MEDIUM, "broken", "{not json"
                    .getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(Topics.RESULTS, "broken", "{\"schemaVersion\":1}"
                    .getBytes(StandardCharsets.UTF_8)));
            // Neither a request nor a decision.
            producer.send(new ProducerRecord<>(Topics.APPROVALS, "broken", "{\"schemaVersion\":1,\"path\":\"x\"}"
                    .getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            assertThat(approvals.await(1, r -> "broken".equals(r.key()), WAIT)).hasSize(1);
            ConsumerWaits.awaitConsumed(brokers, Topics.FILES_MEDIUM, AnomalyListener.GROUP, WAIT);
            ConsumerWaits.awaitConsumed(brokers, Topics.RESULTS, AnomalyListener.GROUP, WAIT);
            // The transfer services and the scanner own those topics and dead-letter such records: one copy each.
            assertThat(files.drain(Duration.ofSeconds(1))).noneMatch(r -> "broken".equals(r.key()));
            assertThat(results.drain(Duration.ofSeconds(1))).noneMatch(r -> "broken".equals(r.key()));
        }
    }

    /** The approval service republishes an approved oversized file to the large-file topic: history, no dead letter. */
    @Test
    void anApprovedOversizedFileOnTheLargeFileTopicIsRecordedNotDeadLettered() throws Exception {
        String path = "approved/huge.tar";
        FileDiscovered approved = new FileDiscovered(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                UUID.randomUUID(), path, 50L << 30, Instant.now().minusSeconds(3_600), null, null, SyncReason.MISSING,
                SizeClass.OVERSIZED, Instant.now(), null).withApproval(new Approval("a-1", TransferStrategy.CHUNKED,
                "otto", null, "proof"));
        try (TopicReader dlt = new TopicReader(brokers, Topics.deadLetter(Topics.FILES_LARGE))) {
            send(Topics.FILES_LARGE, path, approved);
            ConsumerWaits.awaitConsumed(brokers, Topics.FILES_LARGE, AnomalyListener.GROUP, WAIT);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM anomaly.file_versions WHERE path = ?", Long.class,
                    path)).isEqualTo(1);
            assertThat(dlt.drain(Duration.ofMillis(300))).filteredOn(r -> path.equals(r.key())).isEmpty();
        }
    }

    @Test
    void theCleanupDeletesHistoryOlderThanTheRetentionAndKeepsTheRest() {
        Instant now = Instant.now();
        FileDiscovered old = new FileDiscovered(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                UUID.randomUUID(), "retention/old.txt", 1, now.minus(400, ChronoUnit.DAYS), null, null,
                SyncReason.MISSING, SizeClass.SMALL, now.minus(91, ChronoUnit.DAYS), null);
        FileDiscovered recent = discovery(UUID.randomUUID(), "retention/recent.txt", 1, now.minusSeconds(60));
        fileVersions.record(List.of(old, recent));

        assertThat(retention.run()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("SELECT path FROM anomaly.file_versions WHERE path LIKE 'retention/%'",
                String.class)).containsExactly("retention/recent.txt");
    }

    @Test
    void theApiListsByTypeAndSeverityAndAnOperatorAcknowledgesOnce() {
        Instant now = Instant.now();
        String growth = storeAnomaly("api/a.csv", "SIZE_GROWTH", "CRITICAL", now.minusSeconds(30));
        String oldWarning = storeAnomaly("api/b.csv", "OLD_FILE", "WARNING", now.minusSeconds(20));
        String oldInfo = storeAnomaly("api/c.csv", "OLD_FILE", "INFO", now.minusSeconds(10));

        HttpResponse<String> old = viewer.get("/api/anomalies?path=api/&type=OLD_FILE");
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(read(old, "$.items[*].id", List.class)).containsExactly(oldInfo, oldWarning);
        assertThat(read(old, "$.total", Integer.class)).isEqualTo(2);
        HttpResponse<String> warnings = viewer.get("/api/anomalies?path=api/&type=old_file,size_growth"
                + "&severity=WARNING,CRITICAL&acknowledged=false&since=" + now.minusSeconds(60));
        assertThat(read(warnings, "$.items[*].id", List.class)).containsExactly(oldWarning, growth);
        assertThat(read(warnings, "$.items[1].type", String.class)).isEqualTo("SIZE_GROWTH");
        assertThat(read(warnings, "$.items[1].path", String.class)).isEqualTo("api/a.csv");
        assertThat(read(warnings, "$.size", Integer.class)).isEqualTo(50);

        assertThat(anonymous.get("/api/anomalies").statusCode()).isEqualTo(401);
        assertThat(viewer.post("/api/anomalies/" + growth + "/acknowledge", null).statusCode()).isEqualTo(403);

        HttpResponse<String> acknowledged = operator.post("/api/anomalies/" + growth + "/acknowledge", null);
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(read(acknowledged, "$.acknowledgedBy", String.class)).isEqualTo("otto");
        HttpResponse<String> shown = viewer.get("/api/anomalies/" + growth);
        assertThat(read(shown, "$.acknowledgedBy", String.class)).isEqualTo("otto");
        assertThat(read(shown, "$.acknowledgedAt", String.class)).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT acknowledged_by FROM anomaly.anomalies WHERE id = ?", String.class,
                growth)).isEqualTo("otto");
        assertThat(read(viewer.get("/api/anomalies?path=api/&acknowledged=true"), "$.items[*].id", List.class))
                .containsExactly(growth);

        HttpResponse<String> again = operator.post("/api/anomalies/" + growth + "/acknowledge", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(read(again, "$.detail", String.class)).contains("already acknowledged by otto");
        assertThat(read(again, "$.acknowledgedBy", String.class)).isEqualTo("otto");
    }

    @Test
    void theApiAnswersProblemsForUnknownIdsAndBadParameters() {
        HttpResponse<String> unknown = viewer.get("/api/anomalies/no-such-id");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(read(unknown, "$.title", String.class)).isEqualTo("Unknown anomaly");
        assertThat(operator.post("/api/anomalies/no-such-id/acknowledge", null).statusCode()).isEqualTo(404);

        HttpResponse<String> severity = viewer.get("/api/anomalies?severity=LOUD");
        assertThat(severity.statusCode()).isEqualTo(400);
        assertThat(read(severity, "$.field", String.class)).isEqualTo("severity");
        assertThat(read(severity, "$.detail", String.class)).contains("LOUD");
        for (String bad : List.of("type=NOISE", "since=yesterday", "acknowledged=maybe", "size=201", "page=-1",
                "page=x")) {
            HttpResponse<String> r = viewer.get("/api/anomalies?" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(read(r, "$.field", String.class)).as(bad).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
        assertThat(viewer.get("/api/files/history").statusCode()).isEqualTo(400);

        // The service serves sync-boot's page too: / sends a stranger to the login form.
        HttpResponse<String> root = anonymous.get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);
    }

    // --- helpers

    static ScanCompleted scan(long filesSeen) {
        Instant now = Instant.now();
        return new ScanCompleted(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), now, now, filesSeen,
                Map.of(), Map.of(), filesSeen, 0, List.of(), false, "it");
    }

    static ScanCompleted scan(long filesSeen, Map<SizeClass, Long> bytesQueued, Long sinkFreeBytes) {
        Instant now = Instant.now();
        Map<SizeClass, Long> files = new java.util.EnumMap<>(SizeClass.class);
        bytesQueued.keySet().forEach(c -> files.put(c, 1L));
        return new ScanCompleted(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), now, now, filesSeen, files,
                bytesQueued, filesSeen - files.size(), 0, List.of(), false, "it", sinkFreeBytes);
    }

    /** Waits for the path's one anomaly and all its events to be consumed, then checks it is there once. */
    AnomalyDetected onlyAnomaly(String path, String topic) throws Exception {
        awaitStored(path, 1);
        ConsumerWaits.awaitConsumed(brokers, topic, AnomalyListener.GROUP, WAIT);
        assertThat(stored(path)).as("anomalies stored for " + path).isEqualTo(1);
        List<AnomalyDetected> published = published(path, 1);
        assertThat(published).as("anomalies published for " + path).hasSize(1);
        return published.get(0);
    }

    long stored(String path, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM anomaly.anomalies WHERE path = ? AND type = ?", Long.class,
                path, type);
    }

    void awaitStored(String path, String type, long count) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (stored(path, type) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(stored(path, type) + " " + type + " for '" + path + "', not " + count);
            }
            Thread.sleep(50);
        }
    }

    /** As {@link #published(String, int)}, of one type. */
    List<AnomalyDetected> published(String path, String type, int expected) {
        try (TopicReader anomalies = TopicReader.fromBeginning(brokers, Topics.ANOMALIES)) {
            anomalies.await(expected, r -> path.equals(r.key())
                    && EventCodec.decode(r.value(), AnomalyDetected.class).type().equals(type), WAIT);
            return anomalies.drain(Duration.ofMillis(200)).stream().filter(r -> path.equals(r.key()))
                    .map(r -> EventCodec.decode(r.value(), AnomalyDetected.class))
                    .filter(a -> a.type().equals(type)).toList();
        }
    }

    /**
     * The path's anomalies on {@code sftp.anomalies}: read until the expected ones are there, then a little longer
     * for any extra. Called once the events are consumed: the service publishes before it commits, so by then
     * every anomaly it published is on the topic.
     */
    List<AnomalyDetected> published(String path, int expected) {
        try (TopicReader anomalies = TopicReader.fromBeginning(brokers, Topics.ANOMALIES)) {
            anomalies.await(expected, r -> path.equals(r.key()), WAIT);
            return anomalies.drain(Duration.ofMillis(200)).stream().filter(r -> path.equals(r.key()))
                    .map(r -> EventCodec.decode(r.value(), AnomalyDetected.class)).toList();
        }
    }
}
