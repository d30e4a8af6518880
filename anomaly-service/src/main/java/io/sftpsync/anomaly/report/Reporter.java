package io.sftpsync.anomaly.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.anomaly.detect.Dedupe;
import io.sftpsync.anomaly.detect.Finding;
import io.sftpsync.anomaly.store.HistoryStore;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.events.AnomalyDetected;
import io.sftpsync.core.topics.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * Stores a finding once per {@link Dedupe} key and, only when it is new, publishes it to {@code sftp.anomalies}
 * (keyed by its subject) and counts it ({@code sync.anomalies{type,severity}}). Runs inside the caller's
 * transaction and waits for the broker: when publishing fails the transaction rolls back and the event is
 * consumed again, so an anomaly is published at least once and, short of a crash between the broker's
 * acknowledgement and the commit, exactly once.
 */
public final class Reporter {

    public static final String METER = "sync.anomalies";

    private final HistoryStore store;
    private final EventPublisher publisher;
    private final MeterRegistry meters;

    public Reporter(HistoryStore store, EventPublisher publisher, MeterRegistry meters) {
        this.store = store;
        this.publisher = publisher;
        this.meters = meters;
    }

    /**
     * @param key         what makes it the same anomaly
     * @param finding     what was found
     * @param causationId the event it was found in, or null
     * @param now         when
     * @return true when it was new (stored and published)
     */
    public boolean report(Dedupe key, Finding finding, UUID causationId, Instant now) {
        String id = UUID.randomUUID().toString();
        String type = finding.type().name();
        String severity = finding.severity().name();
        if (!store.storeAnomaly(id, key.key(), key.subject(), type, severity, finding.score(), finding.message(),
                causationId, now)) {
            return false;
        }
        publisher.publishAndWait(Topics.ANOMALIES, key.subject(), AnomalyDetected.of(id, key.subject(), type,
                severity, finding.score(), finding.message(), causationId, now));
        Counter.builder(METER).description("Anomalies found, each once")
                .tag("type", type).tag("severity", severity).register(meters).increment();
        return true;
    }
}
