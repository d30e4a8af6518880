package io.sftpsync.approval.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransfersTest {

    @ParameterizedTest(name = "{0} {1} B in {2} ms -> {4}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "SUCCEEDED|4200000|3100|-|SUCCEEDED 4.2 MB in 3.1 s",
            "SUCCEEDED|21474836480|86400000|resumed at chunk 7|SUCCEEDED 21474.8 MB in 86400.0 s (resumed at chunk 7)",
            "SKIPPED|0|12|sink matches|SKIPPED 0.0 MB in 0.0 s (sink matches)"})
    void describesAnOutcomeForAPerson(TransferStatus status, long bytes, long ms, String note, String expected) {
        TransferResult result = new TransferResult(SyncEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), "a/b", SizeClass.OVERSIZED, status, bytes, ms, null, 1, 0, note,
                Instant.now());
        assertThat(Transfers.describe(result)).isEqualTo(expected);
    }
}
