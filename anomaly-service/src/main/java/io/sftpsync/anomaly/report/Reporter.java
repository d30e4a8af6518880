package io.sftpsync.anomaly.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.anomaly.detect.Dedupe;
import io.sftpsync.anomaly.detect.Finding;
import io.sftpsync.anomaly.store.HistoryStore;
import java.time.Instant;
import java.util.UUID;

/**
 * Stores a finding once per {@link Dedupe} key, in the caller's transaction, and counts it when it is new
 * ({@code sync.anomalies{type,severity}}). {@link AnomalyRelay} publishes it to {@code sftp.anomalies} once that
 * transaction has committed: a batch rolled back publishes nothing.
 */
public final class Reporter {

    public static final String METER = "sync.anomalies";

    private final HistoryStore store;
    private final MeterRegistry meters;

    public Reporter(HistoryStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    /**
     * @param key         what makes it the same anomaly
     * @param finding     what was found
     * @param causationId the event it was found in, or null
     * @param now         when
     * @return true when it was new (stored, to be published)
     */
    public boolean report(Dedupe key, Finding finding, UUID causationId, Instant now) {
        String type = finding.type().name();
        String severity = finding.severity().name();
        if (!store.storeAnomaly(UUID.randomUUID().toString(), key.key(), key.subject(), type, severity,
                finding.score(), finding.message(), causationId, now)) {
            return false;
        }
        Counter.builder(METER).description("Anomalies found, each once")
                .tag("type", type).tag("severity", severity).register(meters).increment();
        return true;
    }
}
