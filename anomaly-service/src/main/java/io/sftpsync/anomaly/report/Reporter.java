package io.sftpsync.anomaly.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.anomaly.detect.AnomalyType;
import io.sftpsync.anomaly.detect.Dedupe;
import io.sftpsync.anomaly.detect.Finding;
import io.sftpsync.anomaly.detect.Severity;
import io.sftpsync.anomaly.store.HistoryStore;
import java.time.Instant;
import java.util.List;
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
        // CRITICAL ones exist from the start at 0, so an alert's increase() sees a process's first one.
        for (AnomalyType type : AnomalyType.values()) {
            counter(type.name(), Severity.CRITICAL.name());
        }
    }

    private Counter counter(String type, String severity) {
        return Counter.builder(METER).description("Anomalies found, each once")
                .tag("type", type).tag("severity", severity).register(meters);
    }

    /** One finding to report: what makes it the same anomaly, what was found, the event it was found in, when. */
    public record Report(Dedupe key, Finding finding, UUID causationId, Instant at) {
    }

    /**
     * @param key         what makes it the same anomaly
     * @param finding     what was found
     * @param causationId the event it was found in, or null
     * @param now         when
     * @return true when it was new (stored, to be published)
     */
    public boolean report(Dedupe key, Finding finding, UUID causationId, Instant now) {
        return reportAll(List.of(new Report(key, finding, causationId, now))) == 1;
    }

    /**
     * Stores a batch's findings with one statement; a finding whose key is stored already (or earlier in the same
     * batch) is not stored again.
     *
     * @return how many were new
     */
    public int reportAll(List<Report> reports) {
        if (reports.isEmpty()) {
            return 0;
        }
        List<HistoryStore.NewAnomaly> rows = reports.stream().map(r -> new HistoryStore.NewAnomaly(
                UUID.randomUUID().toString(), r.key().key(), r.key().subject(), r.finding().type().name(),
                r.finding().severity().name(), r.finding().score(), r.finding().message(), r.causationId(), r.at()))
                .toList();
        List<HistoryStore.NewAnomaly> stored = store.storeAnomalies(rows);
        for (HistoryStore.NewAnomaly a : stored) {
            counter(a.type(), a.severity()).increment();
        }
        return stored.size();
    }
}
