package io.sftpsync.anomaly.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.anomaly.store.HistoryStore.StoredAnomaly;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateVerdictTest {

    static StoredAnomaly anomaly(String id, String severity, double score) {
        return new StoredAnomaly(id, "SIZE_SHRINK", severity, score, "sentence " + id);
    }

    @Test
    void nothingStoredPasses() {
        assertThat(GateVerdict.holdFor(List.of())).isEmpty();
    }

    @Test
    void warningsAndInfosPassHoweverHighTheirScore() {
        assertThat(GateVerdict.holdFor(List.of(anomaly("w", "WARNING", 1.0), anomaly("i", "INFO", 0.9)))).isEmpty();
    }

    @Test
    void aCriticalOneHoldsAndTheHighestScoringCriticalOneIsShown() {
        assertThat(GateVerdict.holdFor(List.of(anomaly("w", "WARNING", 1.0), anomaly("c1", "CRITICAL", 0.4),
                anomaly("c2", "CRITICAL", 0.8)))).map(StoredAnomaly::id).hasValue("c2");
        assertThat(GateVerdict.holdFor(List.of(anomaly("c", "CRITICAL", 0)))).map(StoredAnomaly::id).hasValue("c");
    }
}
