package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.diff.SyncDecision;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.topics.SizeRouter;
import io.sftpsync.core.topics.Thresholds;
import io.sftpsync.scanner.scan.ScanDecision.Blocked;
import io.sftpsync.scanner.scan.ScanDecision.Deferred;
import io.sftpsync.scanner.scan.ScanDecision.Ignored;
import io.sftpsync.scanner.scan.ScanDecision.Queue;
import io.sftpsync.scanner.scan.ScanDecision.UpToDate;
import io.sftpsync.scanner.scan.ScanDecision.Why;
import io.sftpsync.scanner.scan.ScanPlanner.Pair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScanPlannerTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));
    static final ScanFilter FILTER = new ScanFilter(List.of(), List.of("*.tmp"), Duration.ofSeconds(30));
    static final SyncDecision DECISION = new SyncDecision(Duration.ofSeconds(2));
    static final SizeRouter ROUTER = new SizeRouter(new Thresholds(100, 1_000, 10_000));
    static final RemoteFile SOURCE = new RemoteFile("a/b.bin", 10, YESTERDAY);

    final InFlightRegistry inFlight = new InFlightRegistry(Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC),
            InFlightJournal.NONE);
    final List<RemoteFile> manifestsRead = new ArrayList<>();
    /** The sink has a manifest for version (20000 bytes, yesterday) of "big/x.bin". */
    final ScanPlanner.WrittenByStrategy written = source -> {
        manifestsRead.add(source);
        return source.path().equals("big/x.bin") && source.size() == 20_000 && source.mtime().equals(YESTERDAY);
    };
    final ScanPlanner planner = new ScanPlanner(FILTER, DECISION, ROUTER, inFlight, null, written);
    final ScanPlanner stablePlanner = new ScanPlanner(FILTER, DECISION, ROUTER, inFlight, new StabilityTracker(),
            written);

    static ScanDecision plan(ScanPlanner planner, RemoteFile source, RemoteFile sink) {
        return planner.plan(source, sink, NOW, false, Set.of());
    }

    @Test
    void missingAtTheSinkIsQueued() {
        assertThat(plan(planner, SOURCE, null)).isEqualTo(new Queue(SyncReason.MISSING, SizeClass.SMALL));
    }

    @Test
    void newerBeyondTheClockSkewIsQueuedAndWithinItIsUpToDate() {
        assertThat(plan(planner, SOURCE, new RemoteFile("a/b.bin", 10, YESTERDAY.minusSeconds(3))))
                .isEqualTo(new Queue(SyncReason.NEWER, SizeClass.SMALL));
        assertThat(plan(planner, SOURCE, new RemoteFile("a/b.bin", 10, YESTERDAY.minusSeconds(2))))
                .isEqualTo(new UpToDate());
    }

    @Test
    void theSameMtimeWithAnotherSizeIsQueued() {
        assertThat(plan(planner, SOURCE, new RemoteFile("a/b.bin", 11, YESTERDAY)))
                .isEqualTo(new Queue(SyncReason.SIZE_DIFFERS, SizeClass.SMALL));
    }

    @Test
    void anIdenticalFileIsUpToDate() {
        assertThat(plan(planner, SOURCE, SOURCE)).isEqualTo(new UpToDate());
    }

    @Test
    void anExcludedFileIsIgnoredEvenUnderAFailedSinkDirectory() {
        RemoteFile temp = new RemoteFile("a/b.tmp", 10, YESTERDAY);
        assertThat(plan(planner, temp, null)).isEqualTo(new Ignored());
        assertThat(planner.plan(temp, null, NOW, false, Set.of("a"))).isEqualTo(new Ignored());
    }

    @Test
    void aFileModifiedWithinTheMinimumAgeIsDeferred() {
        assertThat(plan(planner, new RemoteFile("a/b.bin", 10, NOW.minusSeconds(10)), null))
                .isEqualTo(new Deferred(Why.TOO_YOUNG));
    }

    @Test
    void aYoungFileTheSinkHoldsIsUpToDateNotDeferred() {
        RemoteFile young = new RemoteFile("a/b.bin", 10, NOW.minusSeconds(10));
        assertThat(plan(planner, young, young)).isEqualTo(new UpToDate());
    }

    @Test
    void aTimestampFarInTheFutureIsNotTooYoung() {
        assertThat(plan(planner, new RemoteFile("a/b.bin", 10, Instant.parse("2099-01-01T00:00:00Z")), null))
                .isEqualTo(new Queue(SyncReason.MISSING, SizeClass.SMALL));
    }

    @Test
    void requireStableDefersTheFirstSightingAndQueuesTheSecond() {
        assertThat(plan(stablePlanner, SOURCE, null)).isEqualTo(new Deferred(Why.UNSTABLE));
        stablePlanner.endScan("");
        assertThat(plan(stablePlanner, SOURCE, null)).isEqualTo(new Queue(SyncReason.MISSING, SizeClass.SMALL));
    }

    @Test
    void requireStableDefersAFileThatChangedSinceThePreviousScan() {
        plan(stablePlanner, SOURCE, null);
        stablePlanner.endScan("");
        assertThat(plan(stablePlanner, new RemoteFile("a/b.bin", 11, YESTERDAY), null))
                .isEqualTo(new Deferred(Why.UNSTABLE));
    }

    @Test
    void aTooYoungFileIsNotYetAStabilityCandidate() {
        RemoteFile young = new RemoteFile("a/b.bin", 10, NOW.minusSeconds(10));
        assertThat(plan(stablePlanner, young, null)).isEqualTo(new Deferred(Why.TOO_YOUNG));
        stablePlanner.endScan("");
        assertThat(stablePlanner.plan(young, null, NOW.plusSeconds(60), false, Set.of()))
                .isEqualTo(new Deferred(Why.UNSTABLE));
    }

    @Test
    void aDryRunNeitherConsultsNorUpdatesStability() {
        assertThat(stablePlanner.plan(SOURCE, null, NOW, true, Set.of()))
                .isEqualTo(new Queue(SyncReason.MISSING, SizeClass.SMALL));
        stablePlanner.endScan("");
        assertThat(plan(stablePlanner, SOURCE, null)).as("the dry run recorded nothing")
                .isEqualTo(new Deferred(Why.UNSTABLE));
    }

    @Test
    void aFileAnEarlierScanQueuedIsDeferredUntilItChanges() {
        inFlight.queued(SOURCE, UUID.randomUUID());
        assertThat(plan(planner, SOURCE, null)).isEqualTo(new Deferred(Why.IN_FLIGHT));
        assertThat(plan(planner, new RemoteFile("a/b.bin", 11, YESTERDAY), null))
                .isEqualTo(new Queue(SyncReason.MISSING, SizeClass.SMALL));
    }

    @Test
    void unstableIsSaidBeforeInFlight() {
        inFlight.queued(SOURCE, UUID.randomUUID());
        assertThat(plan(stablePlanner, SOURCE, null)).isEqualTo(new Deferred(Why.UNSTABLE));
    }

    @Test
    void aFileBelowAFailedSinkDirectoryIsBlockedAndASiblingIsNot() {
        List<ScanDecision> decisions = planner.plan(List.of(
                new Pair(new RemoteFile("a/deep/c.bin", 10, YESTERDAY), null),
                new Pair(new RemoteFile("a/b.bin", 10, YESTERDAY), null),
                new Pair(new RemoteFile("ab/c.bin", 10, YESTERDAY), null),
                new Pair(new RemoteFile("top.bin", 10, YESTERDAY), null)), NOW, false, Set.of("a"));
        assertThat(decisions).containsExactly(new Blocked("a/deep/c.bin"), new Blocked("a/b.bin"),
                new Queue(SyncReason.MISSING, SizeClass.SMALL), new Queue(SyncReason.MISSING, SizeClass.SMALL));
        assertThat(((Blocked) decisions.get(0)).error())
                .isEqualTo("skipped a/deep/c.bin: its sink directory could not be listed");
    }

    @Test
    void aFailedSinkBasePathBlocksEveryFile() {
        assertThat(planner.plan(new RemoteFile("top.bin", 10, YESTERDAY), null, NOW, false, Set.of("")))
                .isEqualTo(new Blocked("top.bin"));
    }

    @Test
    void classifiesBySizeUpToOversized() {
        List<ScanDecision> decisions = planner.plan(List.of(sized(99), sized(100), sized(999), sized(1_000),
                sized(10_000), sized(10_001)), NOW, false, Set.of());
        assertThat(decisions).extracting(d -> ((Queue) d).sizeClass()).containsExactly(SizeClass.SMALL,
                SizeClass.MEDIUM, SizeClass.MEDIUM, SizeClass.LARGE, SizeClass.LARGE, SizeClass.OVERSIZED);
    }

    @Test
    void anOversizedFileWhoseSinkManifestRecordsItsVersionIsUpToDateAndAChangedOneIsQueued() {
        assertThat(plan(planner, new RemoteFile("big/x.bin", 20_000, YESTERDAY), null)).isEqualTo(new UpToDate());
        assertThat(plan(planner, new RemoteFile("big/x.bin", 20_001, YESTERDAY), null))
                .isEqualTo(new Queue(SyncReason.MISSING, SizeClass.OVERSIZED));
        assertThat(plan(planner, new RemoteFile("big/x.bin", 20_000, YESTERDAY.plusSeconds(60)), null))
                .isEqualTo(new Queue(SyncReason.MISSING, SizeClass.OVERSIZED));
    }

    @Test
    void onlyOversizedFilesThatDifferFromTheSinkCostAManifestRead() {
        plan(planner, new RemoteFile("small.bin", 10, YESTERDAY), null);
        plan(planner, new RemoteFile("large.bin", 5_000, YESTERDAY), null);
        RemoteFile same = new RemoteFile("big/same.bin", 20_000, YESTERDAY);
        plan(planner, same, same);
        assertThat(manifestsRead).isEmpty();

        plan(planner, new RemoteFile("big/x.bin", 20_000, YESTERDAY), null);
        assertThat(manifestsRead).extracting(RemoteFile::path).containsExactly("big/x.bin");
    }

    static Pair sized(long size) {
        return new Pair(new RemoteFile("f" + size, size, YESTERDAY), null);
    }
}
