package io.sftpsync.standalone.once;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.anomaly.store.AnomalyQueries;
import io.sftpsync.core.events.Approval;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStrategy;
import java.nio.file.Path;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.scanner.delete.DeletionOutcome;
import io.sftpsync.scanner.delete.DeletionPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OnceSummaryTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final long GIB = 1L << 30;

    static final String PAGE = "https://sync.example.org/";

    @Test
    void deletionsSayWhatWentWhatWasWithheldAndWhatADryRunWouldRemove() {
        UUID scan = UUID.randomUUID();
        List<RemoteFile> two = List.of(new RemoteFile("a/old.txt", 10, NOW), new RemoteFile("b.txt", 20, NOW));
        DeletionPlan ready = new DeletionPlan(scan, NOW, two, 2, 10, null, false);
        DeletionPlan guarded = new DeletionPlan(scan, NOW, List.of(), 200, 210,
                "200 sink files the source lacks: more than sync.delete.max=100", true);
        DeletionPlan dryRun = new DeletionPlan(scan, NOW, two, 2, 10, "dry run", false);

        assertThat(OnceSummary.deletions(null, DeletionOutcome.NONE, false, null)).isEmpty();
        assertThat(OnceSummary.deletions(new DeletionPlan(scan, NOW, List.of(), 0, 10, null, false),
                DeletionOutcome.NONE, false, null)).isEqualTo("deletions: none (the sink has no file the source lacks)\n");
        assertThat(OnceSummary.deletions(ready, new DeletionOutcome(0, 1, 1, List.of("b.txt: sink: Permission denied")),
                false, null)).isEqualTo("deleted 1 sink file(s) the source lacks (1 moved to sync.delete.backup-dir),"
                + " 1 left as they changed since the scan\n  not deleted: b.txt: sink: Permission denied\n");
        assertThat(OnceSummary.deletions(ready, DeletionOutcome.NONE, false, "a transfer failed"))
                .isEqualTo("deletions skipped: 2 sink file(s) the source lacks stay, as a transfer failed; the next run"
                        + " decides again\n");
        assertThat(OnceSummary.deletions(guarded, DeletionOutcome.NONE, false, null)).isEqualTo("deletions withheld,"
                + " none deleted: 200 sink files the source lacks: more than sync.delete.max=100 (a MASS_DELETION"
                + " anomaly)\n");
        assertThat(OnceSummary.deletions(dryRun, DeletionOutcome.NONE, true, null)).isEqualTo("dry run: would delete"
                + " 2 sink file(s) the source lacks\n  a/old.txt (10 bytes)\n  b.txt (20 bytes)\n");
    }

    @Test
    void aResumedCopyOfAnEarlierRunsEventIsReportedApartFromThisScansResultsAndCountedAsMoved() {
        UUID thisScan = UUID.randomUUID();
        FileDiscovered again = event(thisScan, "big/file.bin");
        FileDiscovered fromTheKilledRun = event(UUID.randomUUID(), "big/file.bin");
        ScanCompleted scan = new ScanCompleted(SyncEvent.CURRENT_SCHEMA_VERSION, thisScan, NOW, NOW, 1,
                Map.of(SizeClass.LARGE, 1L), Map.of(SizeClass.LARGE, 2 * GIB), 0, 0, List.of(), false, "once");

        String out = OnceSummary.render(scan, ScanResults.of(thisScan,
                List.of(TransferResult.skipped(again, 5, "sink already up to date"),
                        TransferResult.succeeded(fromTheKilledRun, GIB, 9_000, "ab", 1, GIB, null))),
                List.of(again), false, EnumSet.of(SizeClass.LARGE), PolicyApprovals.Outcome.NONE, Duration.ofSeconds(10), Duration.ofSeconds(12),
                false);

        assertThat(out).contains("LARGE      SKIPPED           1              0")
                .contains("1 file(s) queued by an earlier run finished during this one:\n"
                        + "  SUCCEEDED big/file.bin: 1 attempt(s), resumed from 1073741824 bytes, 1073741824 bytes "
                        + "sent\n")
                .contains("moved 1 files, 1073741824 bytes");
    }

    @Test
    void withoutEarlierResultsThereIsNoSuchSection() {
        UUID thisScan = UUID.randomUUID();
        FileDiscovered e = event(thisScan, "a.bin");
        ScanCompleted scan = new ScanCompleted(SyncEvent.CURRENT_SCHEMA_VERSION, thisScan, NOW, NOW, 1,
                Map.of(SizeClass.LARGE, 1L), Map.of(SizeClass.LARGE, 2 * GIB), 0, 0, List.of(), false, "once");

        String out = OnceSummary.render(scan,
                ScanResults.of(thisScan, List.of(TransferResult.failed(e, 5, 2, "sink: permission denied"))),
                List.of(e), false, EnumSet.of(SizeClass.LARGE), PolicyApprovals.Outcome.NONE, Duration.ofSeconds(1),
                Duration.ofSeconds(1), false);

        assertThat(out).contains("  FAILED a.bin: sink: permission denied\n").doesNotContain("earlier run");
    }

    @Test
    void atMostFiftyNotableFilesAreListedThenHowManyMore() {
        UUID thisScan = UUID.randomUUID();
        ScanResults results = new ScanResults(thisScan);
        for (int i = 0; i < 60; i++) {
            results.add(TransferResult.failed(event(thisScan, "f" + i + ".bin"), 5, 3, "sink: permission denied"));
        }
        UUID killedRun = UUID.randomUUID();
        for (int i = 0; i < 53; i++) {
            results.add(TransferResult.skipped(event(killedRun, "e" + i + ".bin"), 5, "sink already up to date"));
        }
        ScanCompleted scan = new ScanCompleted(SyncEvent.CURRENT_SCHEMA_VERSION, thisScan, NOW, NOW, 60,
                Map.of(SizeClass.LARGE, 60L), Map.of(SizeClass.LARGE, 120 * GIB), 0, 0, List.of(), false, "once");

        String out = OnceSummary.render(scan, results, List.of(), true, EnumSet.of(SizeClass.LARGE),
                PolicyApprovals.Outcome.NONE, Duration.ofSeconds(1), Duration.ofSeconds(1), false);

        assertThat(out).contains("LARGE      FAILED           60              0\n")
                .contains("  FAILED f49.bin: sink: permission denied\n  ... and 10 more (see the log)\n")
                .doesNotContain("f50.bin")
                .contains("53 file(s) queued by an earlier run finished during this one:\n")
                .contains("  SKIPPED e49.bin: 1 attempt(s), 0 bytes sent; sink already up to date\n"
                        + "  ... and 3 more (see the log)\n")
                .doesNotContain("e50.bin")
                .contains("moved 0 files, 0 bytes");
    }

    @Test
    void theAnomaliesOfTheRunAreCountedAndTheNewestListedOneLineEach() {
        List<AnomalyQueries.AnomalyRow> rows = new ArrayList<>();
        for (int i = 0; i < OnceAnomalies.LISTED; i++) {
            rows.add(new AnomalyQueries.AnomalyRow("id" + i, "old/f" + i + ".txt", "OLD_FILE", "INFO", 0.3,
                    "modified 1999-12-31, 27 years ago", null, NOW, null, null));
        }
        rows.set(0, new AnomalyQueries.AnomalyRow("s", "", "SCAN_VOLUME", "CRITICAL", 1, "the scan saw 3 files", null,
                NOW, null, null));

        String text = OnceSummary.anomalies(new OnceAnomalies.Found(7, rows, true), false);

        assertThat(text.lines()).hasSize(1 + OnceAnomalies.LISTED + 1);
        assertThat(text).startsWith("anomalies: 7 found (GET /api/anomalies")
                .contains("\n  CRITICAL SCAN_VOLUME (scan): the scan saw 3 files\n")
                .contains("\n  INFO OLD_FILE old/f1.txt: modified 1999-12-31, 27 years ago\n")
                .endsWith("  ... and 2 more\n");
    }

    @Test
    void noAnomaliesIsSaidAndAServiceThatFellBehindIsNamedAndNoServiceSaysNothing() {
        assertThat(OnceSummary.anomalies(OnceAnomalies.Found.NONE, false)).isEqualTo("anomalies: none found\n");
        assertThat(OnceSummary.anomalies(new OnceAnomalies.Found(0, List.of(), false), false))
                .contains("had not read every event of this run in time");
        assertThat(OnceSummary.anomalies(OnceAnomalies.Found.NONE, true)).isEmpty();
    }

    @Test
    void theOutcomeNamesTheExitCodeWhatWasLeftAndTheLogFile() {
        assertThat(OnceSummary.outcome(0, 0, 0, PAGE, null)).isEqualTo("exit 0: everything synced\n");
        assertThat(OnceSummary.outcome(OnceRunner.EXIT_INCOMPLETE, 2, 1, PAGE, Path.of("data/logs/sftp-sync.log")))
                .startsWith("incomplete: 2 file(s) deferred").contains("1 waiting for approval")
                .contains("approve or reject them on the operator page: " + PAGE + "\n")
                .endsWith("exit 4: incomplete, nothing failed\nlog: data/logs/sftp-sync.log\n");
        assertThat(OnceSummary.outcome(OnceRunner.EXIT_INCOMPLETE, 2, 0, PAGE, null)).doesNotContain("operator page");
        assertThat(OnceSummary.outcome(OnceRunner.EXIT_TIMEOUT, 0, 0, PAGE, null))
                .isEqualTo("exit 3: timed out waiting for results\n");
    }

    @Test
    void oversizedFilesAreSplitIntoPolicyApprovedRejectedDoneEarlierAndWaiting() {
        UUID thisScan = UUID.randomUUID();
        List<FileDiscovered> oversized = List.of(oversized(thisScan, "huge/a.bin"), oversized(thisScan, "huge/b.bin"),
                oversized(thisScan, "huge/c.bin"), oversized(thisScan, "huge/d.bin"));
        ScanCompleted scan = new ScanCompleted(SyncEvent.CURRENT_SCHEMA_VERSION, thisScan, NOW, NOW, 4,
                Map.of(SizeClass.OVERSIZED, 4L), Map.of(SizeClass.OVERSIZED, 80 * GIB), 0, 0, List.of(), false,
                "once");
        ScanResults results = ScanResults.of(thisScan, List.of(TransferResult.succeeded(oversized.get(0)
                .withApproval(new Approval("a1", TransferStrategy.CHUNKED, "rule:backups", null)), 20 * GIB, 9_000,
                "ab", 1, 0, null)));
        PolicyApprovals.Outcome approvals = new PolicyApprovals.Outcome(Set.of(UUID.randomUUID()), 20 * GIB, 1, 1,
                Set.of("huge/a.bin", "huge/b.bin", "huge/c.bin"));

        String out = OnceSummary.render(scan, results, oversized, false, EnumSet.of(SizeClass.LARGE), approvals,
                Duration.ofSeconds(10), Duration.ofSeconds(1), false);

        assertThat(out).contains("OVERSIZED  SUCCEEDED         1    21474836480\n")
                .contains("1 oversized file(s) approved by an approval policy, copied in this run\n")
                .contains("1 oversized file(s) rejected by an operator: left alone until their source changes\n")
                .contains("1 oversized file(s) approved and copied by an earlier run\n")
                .contains("1 oversized file(s) waiting for operator approval\n  huge/d.bin (21474836480 bytes)\n")
                .doesNotContain("  huge/a.bin");
    }

    private static FileDiscovered oversized(UUID scan, String path) {
        return FileDiscovered.of(scan, path, 20 * GIB, NOW.minusSeconds(3600), null, null, SyncReason.MISSING,
                SizeClass.OVERSIZED, NOW);
    }

    private static FileDiscovered event(UUID scan, String path) {
        return FileDiscovered.of(scan, path, 2 * GIB, NOW.minusSeconds(3600), null, null, SyncReason.MISSING,
                SizeClass.LARGE, NOW);
    }
}
