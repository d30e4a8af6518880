package io.sftpsync.anomaly.gate;

import io.sftpsync.anomaly.detect.Severity;
import io.sftpsync.anomaly.store.HistoryStore.StoredAnomaly;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The risk gate's rule, a pure function of what is stored for one file version: the file is held when one of its
 * anomalies is CRITICAL (the one shown on the approval is the highest-scoring), and passes otherwise.
 */
public final class GateVerdict {

    private GateVerdict() {
    }

    /** @return the anomaly to hold the file for, or empty when it may be transferred */
    public static Optional<StoredAnomaly> holdFor(List<StoredAnomaly> anomalies) {
        return anomalies.stream()
                .filter(a -> Severity.CRITICAL.name().equals(a.severity()))
                .max(Comparator.comparingDouble(StoredAnomaly::score));
    }
}
