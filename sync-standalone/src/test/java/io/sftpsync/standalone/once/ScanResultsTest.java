package io.sftpsync.standalone.once;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScanResultsTest {

    static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

    private final UUID scan = UUID.randomUUID();
    private final ScanResults results = new ScanResults(scan);

    @Test
    void countsAndBytesPerClassAndStatus() {
        assertThat(results.add(TransferResult.succeeded(event(scan, "a", SizeClass.SMALL), 10, 5, "x", 1, 0, null)))
                .isTrue();
        results.add(TransferResult.succeeded(event(scan, "b", SizeClass.SMALL), 20, 5, "x", 1, 0, null));
        results.add(TransferResult.skipped(event(scan, "c", SizeClass.SMALL), 1, "sink already up to date"));
        results.add(TransferResult.succeeded(event(scan, "d", SizeClass.MEDIUM), 300, 7, "x", 1, 0, null));
        results.add(TransferResult.failed(event(scan, "e", SizeClass.LARGE), 2, 3, "sink: no space"));

        assertThat(results.files(SizeClass.SMALL, TransferStatus.SUCCEEDED)).isEqualTo(2);
        assertThat(results.bytes(SizeClass.SMALL, TransferStatus.SUCCEEDED)).isEqualTo(30);
        assertThat(results.files(SizeClass.SMALL, TransferStatus.SKIPPED)).isEqualTo(1);
        assertThat(results.files(SizeClass.MEDIUM, TransferStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(results.files(SizeClass.LARGE, TransferStatus.FAILED)).isEqualTo(1);
        assertThat(results.files(SizeClass.MEDIUM, TransferStatus.FAILED)).isZero();
        assertThat(results.received()).isEqualTo(5);
        assertThat(results.received(EnumSet.of(SizeClass.SMALL, SizeClass.MEDIUM))).isEqualTo(4);
        assertThat(results.anyFailed()).isTrue();
        assertThat(results.movedFiles()).isEqualTo(3);
        assertThat(results.movedBytes()).isEqualTo(330);
        assertThat(results.durationMs()).isEqualTo(20);
        assertThat(results.notable()).extracting(TransferResult::path).containsExactly("e");
    }

    @Test
    void aRedeliveredEventsSecondResultIsNotCountedAgain() {
        FileDiscovered e = event(scan, "a", SizeClass.SMALL);

        assertThat(results.add(TransferResult.succeeded(e, 10, 5, "x", 1, 0, null))).isTrue();
        assertThat(results.add(TransferResult.skipped(e, 1, "sink already up to date"))).isFalse();

        assertThat(results.received()).isEqualTo(1);
        assertThat(results.files(SizeClass.SMALL, TransferStatus.SKIPPED)).isZero();
        assertThat(results.movedBytes()).isEqualTo(10);
    }

    @Test
    void notableResultsAreFailuresRetriesResumesAndNotesAndOnlyTheFirstFiftyAreKept() {
        assertThat(ScanResults.isNotable(TransferResult.succeeded(event(scan, "a", SizeClass.SMALL), 1, 1, "x", 1, 0,
                null))).isFalse();
        assertThat(ScanResults.isNotable(TransferResult.skipped(event(scan, "a", SizeClass.SMALL), 1, "up to date")))
                .isFalse();
        assertThat(ScanResults.isNotable(TransferResult.succeeded(event(scan, "a", SizeClass.SMALL), 1, 1, "x", 2, 0,
                null))).isTrue();
        assertThat(ScanResults.isNotable(TransferResult.succeeded(event(scan, "a", SizeClass.LARGE), 1, 1, "x", 1, 5,
                null))).isTrue();
        assertThat(ScanResults.isNotable(TransferResult.succeeded(event(scan, "a", SizeClass.LARGE), 1, 1, "x", 1, 0,
                "the source changed since the checkpoint: started over"))).isTrue();

        for (int i = 0; i < 130; i++) {
            results.add(TransferResult.failed(event(scan, "f" + i, SizeClass.SMALL), 1, 3, "refused"));
            results.add(TransferResult.succeeded(event(scan, "ok" + i, SizeClass.SMALL), 1, 1, "x", 1, 0, null));
        }

        assertThat(results.notable()).hasSize(ScanResults.NOTABLE_LIMIT);
        assertThat(results.notable().get(0).path()).isEqualTo("f0");
        assertThat(results.notable().get(49).path()).isEqualTo("f49");
        assertThat(results.notableMore()).isEqualTo(80);
        assertThat(results.files(SizeClass.SMALL, TransferStatus.FAILED)).isEqualTo(130);
    }

    @Test
    void resultsOfAnEarlierRunsEventsAreCountedApartOnceEachAndMoveBytesToo() {
        UUID killedRun = UUID.randomUUID();
        FileDiscovered left = event(killedRun, "big.bin", SizeClass.LARGE);

        assertThat(results.add(TransferResult.succeeded(left, 400, 9, "x", 1, 600, null))).isFalse();
        assertThat(results.add(TransferResult.succeeded(left, 400, 9, "x", 1, 600, null))).isFalse();
        for (int i = 0; i < 60; i++) {
            results.add(TransferResult.skipped(event(killedRun, "s" + i, SizeClass.SMALL), 1, "up to date"));
        }

        assertThat(results.earlierCount()).isEqualTo(61);
        assertThat(results.earlierListed()).hasSize(ScanResults.NOTABLE_LIMIT);
        assertThat(results.earlierListed().get(0).path()).isEqualTo("big.bin");
        assertThat(results.received()).isZero();
        assertThat(results.movedFiles()).isEqualTo(1);
        assertThat(results.movedBytes()).isEqualTo(400);
        assertThat(results.resumedBytes()).isZero();
    }

    @Test
    void resumedBytesOfThisScanAreSummed() {
        results.add(TransferResult.succeeded(event(scan, "a", SizeClass.LARGE), 100, 1, "x", 1, 900, null));
        results.add(TransferResult.succeeded(event(scan, "b", SizeClass.LARGE), 100, 1, "x", 1, 50, null));

        assertThat(results.resumedBytes()).isEqualTo(950);
    }

    static FileDiscovered event(UUID scan, String path, SizeClass sizeClass) {
        return FileDiscovered.of(scan, path, 1000, NOW.minusSeconds(3600), null, null, SyncReason.MISSING, sizeClass,
                NOW);
    }
}
