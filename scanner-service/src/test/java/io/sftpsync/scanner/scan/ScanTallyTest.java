package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.listing.RemoteFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScanTallyTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final UUID SCAN = UUID.randomUUID();

    final ScanTally tally = new ScanTally();

    @Test
    void countsEachDecisionAndEveryQueuedFileButNotTheIgnored() {
        tally.count(new ScanDecision.Ignored());
        tally.count(new ScanDecision.Blocked("a"));
        tally.count(new ScanDecision.UpToDate());
        tally.count(new ScanDecision.Deferred(ScanDecision.Why.IN_FLIGHT));
        queue(new ScanDecision.Queue(SyncReason.MISSING, SizeClass.SMALL), 10);
        queue(new ScanDecision.Queue(SyncReason.NEWER, SizeClass.SMALL), 20);
        queue(new ScanDecision.Queue(SyncReason.MISSING, SizeClass.OVERSIZED), 30);

        ScanCompleted summary = tally.summary(SCAN, NOW, NOW, List.of("x"), false, "test");
        assertThat(summary.filesSeen()).isEqualTo(6);
        assertThat(summary.filesUpToDate()).isEqualTo(1);
        assertThat(summary.filesDeferred()).isEqualTo(1);
        assertThat(summary.filesQueued()).isEqualTo(Map.of(SizeClass.SMALL, 2L, SizeClass.OVERSIZED, 1L));
        assertThat(summary.bytesQueued()).isEqualTo(Map.of(SizeClass.SMALL, 30L, SizeClass.OVERSIZED, 30L));
        assertThat(tally.report(summary, null).planned()).hasSize(3);
        assertThat(tally.report(summary, null).planTruncated()).isFalse();
    }

    @Test
    void listsAtMostPlanLimitFilesAndSaysSo() {
        for (int i = 0; i <= ScanTally.PLAN_LIMIT; i++) {
            queue(new ScanDecision.Queue(SyncReason.MISSING, SizeClass.SMALL), 1);
        }
        ScanReport report = tally.report(tally.summary(SCAN, NOW, NOW, List.of(), true, "test"), null);
        assertThat(report.summary().totalQueued()).isEqualTo(ScanTally.PLAN_LIMIT + 1);
        assertThat(report.planned()).hasSize(ScanTally.PLAN_LIMIT);
        assertThat(report.planTruncated()).isTrue();
    }

    private void queue(ScanDecision.Queue queue, long size) {
        tally.count(queue);
        FileDiscovered event = queue.event(SCAN, new RemoteFile("f", size, NOW), null, NOW);
        tally.queued(event);
    }
}
