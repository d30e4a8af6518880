package io.sftpsync.standalone.once;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    static final Instant START = Instant.parse("2026-12-02T12:00:00Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndClearedBeforeTheSummary() {
        FileDiscovered large = event("big.bin", 100_000_000, SizeClass.LARGE);
        ProgressLine line = new ProgressLine(out, true, Duration.ofSeconds(30), 2, 110_000_000,
                Set.of(large.eventId())::contains, START);

        line.tick(START);
        line.result(TransferResult.succeeded(event("a.txt", 10_000_000, SizeClass.SMALL), 10_000_000, 1, "x", 1, 0,
                null));
        line.chunk(progress(large, 40_000_000));
        line.tick(START.plusMillis(500));
        line.tick(START.plusSeconds(10));
        line.end();

        assertThat(text()).isEqualTo("\rprogress: 0/2 files, 0.0 kB/110.0 MB, 0.0 MB/s, ETA -, elapsed 0:00:00\u001b[K"
                + "\rprogress: 1/2 files, 50.0 MB/110.0 MB, 5.0 MB/s, ETA 0:00:12, elapsed 0:00:10\u001b[K"
                + "\r\u001b[K");
    }

    @Test
    void elsewhereAPlainLineAtTheStartAndEveryIntervalWithTheRateOfWhatWasSentNotWhatAResumeFound() {
        FileDiscovered large = event("big.bin", 100_000_000, SizeClass.LARGE);
        ProgressLine line = new ProgressLine(out, false, Duration.ofSeconds(30), 1, 100_000_000, id -> false, START);

        line.tick(START);
        line.tick(START.plusSeconds(20));
        line.result(TransferResult.succeeded(large, 60_000_000, 1, "x", 1, 40_000_000, null));
        line.tick(START.plusSeconds(40));
        line.end();

        assertThat(text()).isEqualTo("progress: 0/1 files, 0.0 kB/100.0 MB, 0.0 MB/s, ETA -, elapsed 0:00:00\n"
                + "progress: 1/1 files, 100.0 MB/100.0 MB, 1.5 MB/s, ETA -, elapsed 0:00:40\n");
    }

    @Test
    void chunkProgressReadAfterTheFilesResultOrOfAnEarlierRunsFinishedFileIsNotCountedAgain() {
        FileDiscovered large = event("big.bin", 100_000_000, SizeClass.LARGE);
        FileDiscovered earlier = event("old.bin", 100_000_000, SizeClass.LARGE);
        ProgressLine line = new ProgressLine(out, false, Duration.ofSeconds(30), 1, 100_000_000, id -> true, START);

        line.chunk(progress(large, 50_000_000));
        line.chunk(progress(earlier, 30_000_000));
        line.forget(TransferResult.succeeded(earlier, 100_000_000, 1, "x", 1, 0, null));
        line.result(TransferResult.succeeded(large, 100_000_000, 1, "x", 1, 0, null));
        line.chunk(progress(large, 100_000_000));
        line.chunk(progress(earlier, 100_000_000));

        assertThat(line.render(START.plusSeconds(10)))
                .startsWith("progress: 1/1 files, 100.0 MB/100.0 MB, 10.0 MB/s");
    }

    @Test
    void aZeroIntervalPrintsNothingOffATerminal() {
        ProgressLine line = new ProgressLine(out, false, Duration.ZERO, 1, 100, id -> false, START);

        line.tick(START);
        line.tick(START.plusSeconds(3600));
        line.end();

        assertThat(text()).isEmpty();
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private static FileDiscovered event(String path, long size, SizeClass sizeClass) {
        return FileDiscovered.of(UUID.randomUUID(), path, size, START.minusSeconds(3600), null, null,
                SyncReason.MISSING, sizeClass, START);
    }

    private static TransferProgress progress(FileDiscovered e, long done) {
        return new TransferProgress(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), e.eventId(), e.path(), done,
                e.size(), 1, 4, 1e6, null, START);
    }
}
