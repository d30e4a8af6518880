package io.sftpsync.anomaly.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * RESOURCE_IMPACT: bytes queued for the sink (not yet transferred) beyond the sink's free space (from
 * {@code statvfs@openssh.com} where the sink offers it) or beyond the configured budget.
 *
 * <p><b>Severity</b>: beyond the free space CRITICAL (transfers will fail with the disk full); beyond the budget
 * WARNING. <b>Score</b>: 1 − limit/queued.
 */
public final class ResourceImpactDetector {

    private final Long budget;

    /** @param budget the configured budget in bytes, or null for none */
    public ResourceImpactDetector(Long budget) {
        if (budget != null && budget <= 0) {
            throw new IllegalArgumentException("resource.budget must be positive, was " + budget);
        }
        this.budget = budget;
    }

    /**
     * @param queuedBytes   bytes queued for the sink and not yet transferred
     * @param sinkFreeBytes the sink's free space, or null when the sink does not say
     * @return up to two findings, free space first
     */
    public List<Finding> detect(long queuedBytes, Long sinkFreeBytes) {
        List<Finding> found = new ArrayList<>(2);
        if (sinkFreeBytes != null && queuedBytes > sinkFreeBytes) {
            found.add(Finding.of(AnomalyType.RESOURCE_IMPACT, Severity.CRITICAL,
                    sinkFreeBytes <= 0 ? 1 : Finding.beyond((double) queuedBytes / sinkFreeBytes),
                    Words.bytes(queuedBytes) + " queued for the sink is more than its free space "
                            + Words.bytes(sinkFreeBytes)));
        }
        if (budget != null && queuedBytes > budget) {
            found.add(Finding.of(AnomalyType.RESOURCE_IMPACT, Severity.WARNING,
                    Finding.beyond((double) queuedBytes / budget),
                    Words.bytes(queuedBytes) + " queued for the sink is " + Words.times((double) queuedBytes / budget)
                            + " the budget " + Words.bytes(budget)));
        }
        return List.copyOf(found);
    }
}
