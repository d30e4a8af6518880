package io.sftpsync.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final Instant T = Instant.parse("2026-11-24T10:15:30Z");

    @Test
    void fileDiscoveredRoundTripsWithAndWithoutApproval() {
        FileDiscovered plain = FileDiscovered.of(UUID.randomUUID(), "dir/naïve name\nwith newline.csv", 42, T, 40L,
                T.minusSeconds(60), SyncReason.NEWER, SizeClass.SMALL, T);
        assertThat(roundTrip(plain, FileDiscovered.class)).isEqualTo(plain);
        FileDiscovered approved = plain.withApproval(new Approval("a-1", TransferStrategy.SPLIT, "ops", 1L << 30));
        assertThat(roundTrip(approved, FileDiscovered.class)).isEqualTo(approved);
    }

    @Test
    void otherEventsRoundTrip() {
        ScanCompleted scan = new ScanCompleted(1, UUID.randomUUID(), T, T.plusSeconds(3), 10,
                Map.of(SizeClass.SMALL, 3L), Map.of(SizeClass.SMALL, 300L), 5, 2, List.of("source x: denied"), false,
                "api");
        assertThat(roundTrip(scan, ScanCompleted.class)).isEqualTo(scan);
        TransferProgress progress = new TransferProgress(1, UUID.randomUUID(), UUID.randomUUID(), "a/b", 64, 128, 0, 2,
                1.5e6, 42L, T);
        assertThat(roundTrip(progress, TransferProgress.class)).isEqualTo(progress);
        FileDiscovered cause = FileDiscovered.of(UUID.randomUUID(), "a", 1, T, null, null, SyncReason.MISSING,
                SizeClass.SMALL, T);
        TransferResult result = TransferResult.failed(cause, 12, 3, "sink: Permission denied");
        assertThat(roundTrip(result, TransferResult.class)).isEqualTo(result);
    }

    @Test
    void aDeletionAndAScansDeletionsRoundTripAndOlderSummariesReadAsDeletionsOff() {
        FileDeleted moved = FileDeleted.of(UUID.randomUUID(), "a/b c.txt", 12, T, "/trash/a/b c.txt.20261203T101500Z",
                T.plusSeconds(9));
        assertThat(roundTrip(moved, FileDeleted.class)).isEqualTo(moved);
        assertThatThrownBy(() -> FileDeleted.of(UUID.randomUUID(), "../x", 1, T, null, T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileDeleted.of(UUID.randomUUID(), "x", 1, T, "trash/x", T))
                .hasMessageContaining("movedTo must be an absolute path");
        ScanCompleted scan = new ScanCompleted(1, UUID.randomUUID(), T, T.plusSeconds(3), 10, Map.of(), Map.of(), 5, 0,
                List.of(), false, "api").withDeletions(new ScanCompleted.Deletions(300, 400, "300 sink files ..."));
        assertThat(roundTrip(scan, ScanCompleted.class)).isEqualTo(scan);
        String json = new String(EventCodec.encode(scan.withDeletions(null)), StandardCharsets.UTF_8);
        String older = json.replace(",\"deletions\":null", "");
        assertThat(older).doesNotContain("deletions");
        assertThat(EventCodec.decode(older.getBytes(StandardCharsets.UTF_8), ScanCompleted.class).deletions()).isNull();
    }

    @Test
    void scanCompletedCarriesTheSinksFreeSpaceAndReadsOlderJsonWithoutIt() {
        ScanCompleted scan = new ScanCompleted(1, UUID.randomUUID(), T, T.plusSeconds(3), 10,
                Map.of(SizeClass.SMALL, 3L), Map.of(SizeClass.SMALL, 300L, SizeClass.LARGE, 5L << 30), 5, 2, List.of(),
                false, "api").withSinkFreeBytes(4L << 30);
        assertThat(roundTrip(scan, ScanCompleted.class)).isEqualTo(scan);
        assertThat(scan.totalBytesQueued()).isEqualTo(300L + (5L << 30));
        String json = new String(EventCodec.encode(scan), StandardCharsets.UTF_8);
        assertThat(json).contains("\"sinkFreeBytes\":" + (4L << 30));
        // As a scanner written before the field existed sends it.
        String older = json.replace(",\"sinkFreeBytes\":" + (4L << 30), "");
        assertThat(older).doesNotContain("sinkFreeBytes");
        ScanCompleted decoded = EventCodec.decode(older.getBytes(StandardCharsets.UTF_8), ScanCompleted.class);
        assertThat(decoded.sinkFreeBytes()).isNull();
        assertThat(decoded).isEqualTo(scan.withSinkFreeBytes(null));
        assertThatThrownBy(() -> EventCodec.decode(json.replace("\"sinkFreeBytes\":" + (4L << 30),
                "\"sinkFreeBytes\":-1").getBytes(StandardCharsets.UTF_8), ScanCompleted.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("sinkFreeBytes");
    }

    @Test
    void scanRequestedRoundTripsAndRefusesASubtreeOutsideTheBasePath() {
        ScanRequested request = ScanRequested.of("in/2026/12/", true, "erp", T);
        assertThat(request.subtree()).isEqualTo("in/2026/12");
        assertThat(roundTrip(request, ScanRequested.class)).isEqualTo(request);
        assertThat(ScanRequested.of(null, false, "erp", T).subtree()).isEmpty();
        assertThat(ScanRequested.of(".", false, "erp", T).subtree()).isEmpty();
        String json = new String(EventCodec.encode(request), StandardCharsets.UTF_8);
        for (String hostile : List.of("../etc", "/etc", "in/../../etc", "in//x", "in/\\u0000x")) {
            assertThatThrownBy(() -> EventCodec.decode(json.replace("\"in/2026/12\"", "\"" + hostile + "\"")
                    .getBytes(StandardCharsets.UTF_8), ScanRequested.class)).as(hostile)
                    .isInstanceOf(MalformedEventException.class).hasMessageContaining("subtree: path");
        }
        assertThatThrownBy(() -> EventCodec.decode(json.replace("\"erp\"", "\" \"")
                .getBytes(StandardCharsets.UTF_8), ScanRequested.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("requester");
    }

    @Test
    void scanCompletedNamesItsSubtreeAndRequestAndReadsOlderJsonAsAWholeScan() {
        UUID requestId = UUID.randomUUID();
        ScanCompleted scan = new ScanCompleted(1, UUID.randomUUID(), T, T.plusSeconds(3), 10,
                Map.of(SizeClass.SMALL, 3L), Map.of(SizeClass.SMALL, 300L), 5, 2, List.of(), false, "request")
                .scoped("in/2026", requestId);
        assertThat(roundTrip(scan, ScanCompleted.class)).isEqualTo(scan);
        assertThat(scan.whole()).isFalse();
        String json = new String(EventCodec.encode(scan), StandardCharsets.UTF_8);
        String older = json.replace(",\"subtree\":\"in/2026\"", "").replace(",\"requestId\":\"" + requestId + "\"", "");
        assertThat(older).doesNotContain("subtree", "requestId");
        ScanCompleted decoded = EventCodec.decode(older.getBytes(StandardCharsets.UTF_8), ScanCompleted.class);
        assertThat(decoded.subtree()).isEmpty();
        assertThat(decoded.requestId()).isNull();
        assertThat(decoded.whole()).isTrue();
    }

    @Test
    void anomalyDetectedRoundTripsWithAndWithoutACausationAndForAScan() {
        AnomalyDetected growth = AnomalyDetected.of("a-1", "reports/daily.csv", "SIZE_GROWTH", "CRITICAL", 0.72,
                "15 MiB is 15× the median 1 MiB of the last 10 versions (robust z 26.7, limit 3.5)",
                UUID.randomUUID(), T);
        assertThat(roundTrip(growth, AnomalyDetected.class)).isEqualTo(growth);
        AnomalyDetected scan = AnomalyDetected.of("a-2", "", "SCAN_VOLUME", "WARNING", 0, "no files seen", null, T);
        assertThat(roundTrip(scan, AnomalyDetected.class)).isEqualTo(scan);
        String json = new String(EventCodec.encode(growth), StandardCharsets.UTF_8);
        assertThat(json).contains("\"type\":\"SIZE_GROWTH\"", "\"severity\":\"CRITICAL\"", "\"schemaVersion\":1");
        assertThatThrownBy(() -> EventCodec.decode(json.replace("0.72", "1.5").getBytes(StandardCharsets.UTF_8),
                AnomalyDetected.class)).isInstanceOf(MalformedEventException.class).hasMessageContaining("score");
        assertThatThrownBy(() -> EventCodec.decode(json.replace("\"SIZE_GROWTH\"", "\"\"")
                .getBytes(StandardCharsets.UTF_8), AnomalyDetected.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("type");
    }

    @Test
    void fileHeldRoundTripsWithItsDiscoveryAndRefusesAnApprovedOne() {
        FileDiscovered discovery = FileDiscovered.of(UUID.randomUUID(), "reports/daily.csv", 100, T, 1_000L, T,
                SyncReason.NEWER, SizeClass.SMALL, T);
        FileHeld held = FileHeld.of(discovery, "a-1", "SIZE_SHRINK", "CRITICAL", "100 B is a tenth of 1000 B", 0.9,
                T);
        assertThat(roundTrip(held, FileHeld.class)).isEqualTo(held);
        assertThatThrownBy(() -> FileHeld.of(discovery.withApproval(new Approval("x", TransferStrategy.CHUNKED,
                "ops", null)), "a-1", "SIZE_SHRINK", "CRITICAL", "s", 0.9, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no approval");
        String json = new String(EventCodec.encode(held), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventCodec.decode(json.replace("\"sentence\":\"100 B is a tenth of 1000 B\"",
                "\"sentence\":\" \"").getBytes(StandardCharsets.UTF_8), FileHeld.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("sentence");
    }

    @Test
    void fileAuditedRoundTripsAndItsMatchedFlagMustAgreeWithTheHashes() {
        String a = "ab".repeat(32);
        String b = "9f".repeat(32);
        FileAudited differs = FileAudited.of(UUID.randomUUID(), "data/x.bin", 1234, T, a, b, T.plusSeconds(5));
        assertThat(differs.matched()).isFalse();
        assertThat(roundTrip(differs, FileAudited.class)).isEqualTo(differs);
        assertThat(FileAudited.of(UUID.randomUUID(), "y", 1, T, a, a, T).matched()).isTrue();
        String json = new String(EventCodec.encode(differs), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventCodec.decode(json.replace("\"matched\":false", "\"matched\":true")
                .getBytes(StandardCharsets.UTF_8), FileAudited.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("matched");
        assertThatThrownBy(() -> FileAudited.of(UUID.randomUUID(), "y", 1, T, "AB".repeat(32), a, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sourceSha256");
    }

    @Test
    void instantsAreIsoStringsAndSchemaVersionIsOnTheWire() {
        FileDiscovered e = FileDiscovered.of(UUID.randomUUID(), "x", 1, T, null, null, SyncReason.MISSING,
                SizeClass.SMALL, T);
        String json = new String(EventCodec.encode(e), StandardCharsets.UTF_8);
        assertThat(json).contains("\"schemaVersion\":1").contains("\"sourceMtime\":\"2026-11-24T10:15:30Z\"");
    }

    @Test
    void malformedInputIsRejectedWithAReason() {
        assertThatThrownBy(() -> EventCodec.decode("not json".getBytes(), FileDiscovered.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("FileDiscovered");
        assertThatThrownBy(() -> EventCodec.decode(null, FileDiscovered.class))
                .isInstanceOf(MalformedEventException.class);
        String missingPath = "{\"schemaVersion\":1,\"eventId\":\"" + UUID.randomUUID() + "\",\"scanId\":\""
                + UUID.randomUUID() + "\",\"size\":1,\"sourceMtime\":\"2026-01-01T00:00:00Z\",\"reason\":\"MISSING\","
                + "\"sizeClass\":\"SMALL\",\"discoveredAt\":\"2026-01-01T00:00:00Z\"}";
        assertThatThrownBy(() -> EventCodec.decode(missingPath.getBytes(), FileDiscovered.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("path");
        String hostile = missingPath.replace("\"size\":1", "\"path\":\"../../etc/passwd\",\"size\":1");
        assertThatThrownBy(() -> EventCodec.decode(hostile.getBytes(), FileDiscovered.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("..");
        String future = missingPath.replace("\"schemaVersion\":1", "\"schemaVersion\":99")
                .replace("\"size\":1", "\"path\":\"ok\",\"size\":1");
        assertThatThrownBy(() -> EventCodec.decode(future.getBytes(), FileDiscovered.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("schemaVersion 99");
    }

    @Test
    void unknownFieldsFromNewerWritersAreTolerated() {
        FileDiscovered e = FileDiscovered.of(UUID.randomUUID(), "x", 1, T, null, null, SyncReason.MISSING,
                SizeClass.SMALL, T);
        String json = new String(EventCodec.encode(e), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"extra\":true,");
        assertThat(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), FileDiscovered.class)).isEqualTo(e);
    }

    private static <T extends SyncEvent> T roundTrip(T event, Class<T> type) {
        return EventCodec.decode(EventCodec.encode(event), type);
    }
}
