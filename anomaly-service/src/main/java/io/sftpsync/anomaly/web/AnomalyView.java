package io.sftpsync.anomaly.web;

import io.sftpsync.anomaly.store.AnomalyQueries.AnomalyRow;
import java.time.Instant;
import java.util.UUID;

/** An anomaly as the API shows it. */
public record AnomalyView(String id, String path, String type, String severity, double score, String message,
        UUID causationId, Instant detectedAt, String acknowledgedBy, Instant acknowledgedAt) {

    static AnomalyView of(AnomalyRow r) {
        return new AnomalyView(r.id(), r.path(), r.type(), r.severity(), r.score(), r.message(), r.causationId(),
                r.detectedAt(), r.acknowledgedBy(), r.acknowledgedAt());
    }
}
