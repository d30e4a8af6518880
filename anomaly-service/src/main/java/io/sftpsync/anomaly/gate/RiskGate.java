package io.sftpsync.anomaly.gate;

import io.sftpsync.anomaly.consume.Observations;
import io.sftpsync.anomaly.store.HistoryStore.StoredAnomaly;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.FileHeld;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.topics.Topics;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screens one discovery: records and judges it as every discovery is ({@link Observations#discovered}), then
 * forwards it unchanged to its class topic, or, when a CRITICAL anomaly is stored for its version, publishes a
 * {@link FileHeld} to {@code sftp.files.held} instead. The decision reads what is stored, not what was found just
 * now, so a redelivered record or a later scan of a held version is held again, never forwarded.
 */
public final class RiskGate {

    private static final Logger log = LoggerFactory.getLogger(RiskGate.class);

    private final Observations observations;
    private final EventPublisher publisher;
    private final Clock clock;

    public RiskGate(Observations observations, EventPublisher publisher, Clock clock) {
        this.observations = observations;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @return the send, complete once the broker acknowledged the forwarded or held record */
    public CompletableFuture<?> screen(FileDiscovered discovery) {
        observations.discovered(discovery);
        Optional<StoredAnomaly> hold = GateVerdict.holdFor(observations.anomaliesOf(discovery));
        if (hold.isEmpty()) {
            return publisher.publish(Topics.forClass(discovery.sizeClass()), discovery.path(), discovery);
        }
        StoredAnomaly a = hold.get();
        log.info("{} ({} bytes): held for approval, {} {}: {}", RelativePath.printable(discovery.path()),
                discovery.size(), a.severity(), a.type(), a.message());
        return publisher.publish(Topics.FILES_HELD, discovery.path(), FileHeld.of(discovery, a.id(), a.type(),
                a.severity(), a.message(), a.score(), clock.instant()));
    }
}
