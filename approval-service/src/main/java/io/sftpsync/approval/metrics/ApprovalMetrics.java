package io.sftpsync.approval.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.approval.store.ApprovalRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;

/**
 * The approval metrics: {@code sync.approvals.pending} and {@code sync.approvals.oldest.pending.age} (read from the
 * database at each scrape, so every instance reports the same truth), {@code sync.approvals.decisions} by outcome and
 * by who decided, and {@code sync.approvals.time.to.decision} from discovery to decision, as a histogram.
 */
public final class ApprovalMetrics {

    private final MeterRegistry registry;
    private final Timer timeToDecision;

    public ApprovalMetrics(MeterRegistry registry, ApprovalRepository approvals, Clock clock) {
        this.registry = registry;
        Gauge.builder("sync.approvals.pending", approvals,
                        a -> a.countByStateIn(EnumSet.of(ApprovalState.PENDING)))
                .description("approvals waiting for a decision").register(registry);
        // An age, not a count: "waiting too long" is about the oldest one, however many arrived after it.
        Gauge.builder("sync.approvals.oldest.pending.age", approvals,
                        a -> a.findFirstByStateOrderByCreatedAtAsc(ApprovalState.PENDING)
                                .map(r -> Math.max(0, Duration.between(r.createdAt(), clock.instant()).toMillis() / 1e3))
                                .orElse(0.0))
                .baseUnit("seconds").description("how long the oldest pending approval has waited").register(registry);
        this.timeToDecision = Timer.builder("sync.approvals.time.to.decision")
                .description("from the file's discovery to its approval's decision")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofDays(30))
                .register(registry);
    }

    /**
     * @param outcome the state decided: APPROVED, REJECTED, EXPIRED or SUPERSEDED
     * @param by      the user, {@code rule:<name>} or {@code system}
     */
    public void decided(ApprovalState outcome, String by, Instant discoveredAt, Instant decidedAt) {
        Counter.builder("sync.approvals.decisions")
                .description("approval decisions by outcome and by who made them")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .tag("by", by)
                .register(registry).increment();
        Duration waited = Duration.between(discoveredAt, decidedAt);
        timeToDecision.record(waited.isNegative() ? Duration.ZERO : waited);
    }
}
