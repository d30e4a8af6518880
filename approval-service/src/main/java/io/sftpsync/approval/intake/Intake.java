package io.sftpsync.approval.intake;

import io.sftpsync.approval.decision.Transitions;
import io.sftpsync.approval.policy.Policies;
import io.sftpsync.approval.store.ApprovalRow;
import io.sftpsync.approval.store.ApprovalStore;
import io.sftpsync.core.events.ApprovalRequested;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.FileHeld;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a discovery of an oversized file, or a file the risk gate held, into an approval, at most one per version
 * of the file ({@link IntakePlan}), in one transaction under a lock on the path: the new row, the superseded ones,
 * the {@code ApprovalRequested}, and a policy's approval when a rule matches (never for a held file: its anomaly
 * is for a person to judge).
 */
public final class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private record Created(String id, Optional<String> approvedBy) {
    }

    private final ApprovalStore store;
    private final Transitions transitions;
    private final Policies policies;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Runnable afterCommit;
    /** Where operators decide, quoted in the log line; empty when not configured. */
    private final String where;

    public Intake(ApprovalStore store, Transitions transitions, Policies policies, TransactionTemplate tx, Clock clock,
            Runnable afterCommit, String pageUrl) {
        this.where = pageUrl == null || pageUrl.isBlank() ? "" : " (decide at " + pageUrl + ")";
        this.store = store;
        this.transitions = transitions;
        this.policies = policies;
        this.tx = tx;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /** @return the new approval's id, or empty when this version already has one */
    public Optional<String> receive(FileDiscovered discovery) {
        return receive(discovery, null);
    }

    /**
     * A file the risk gate held: an approval that shows the anomaly.
     *
     * @return the new approval's id, or empty when this version already has one
     */
    public Optional<String> receive(FileHeld held) {
        return receive(held.discovery(), held);
    }

    private Optional<String> receive(FileDiscovered discovery, FileHeld held) {
        Optional<Created> created = tx.execute(status -> {
            store.lockPath(discovery.path());
            List<ApprovalRow> existing = store.approvals().findByPathOrderByCreatedAtAsc(discovery.path());
            IntakePlan.Plan plan = IntakePlan.plan(discovery.size(), discovery.sourceMtime(),
                    discovery.discoveredAt(), existing.stream().map(r -> new IntakePlan.Existing(r.id(), r.size(),
                            r.sourceMtime(), r.discoveredAt(), r.state())).toList());
            if (!plan.create()) {
                return Optional.<Created>empty();
            }
            Instant now = clock.instant();
            String id = UUID.randomUUID().toString();
            for (ApprovalRow old : existing) {
                if (plan.supersede().contains(old.id())) {
                    transitions.supersede(old, id, now);
                }
            }
            // Stored without an approval, as the scanner sent it; signed only when approved.
            FileDiscovered unapproved = discovery.approval() == null ? discovery
                    : new FileDiscovered(discovery.schemaVersion(), discovery.eventId(), discovery.scanId(),
                            discovery.path(), discovery.size(), discovery.sourceMtime(), discovery.sinkSize(),
                            discovery.sinkMtime(), discovery.reason(), discovery.sizeClass(),
                            discovery.discoveredAt(), null);
            ApprovalRow row = new ApprovalRow(id, discovery.path(), discovery.size(), discovery.sourceMtime(),
                    discovery.discoveredAt(), new String(EventCodec.encode(unapproved), StandardCharsets.UTF_8),
                    now);
            if (held != null) {
                row.heldFor(held.anomalyId(), held.type(), held.severity(), held.sentence());
            }
            store.save(row);
            store.record(row, null, row.state(), Transitions.SYSTEM, held == null
                    ? "discovered by scan " + discovery.scanId()
                    : "held by the risk gate: " + held.severity() + " " + held.type() + ", " + held.sentence(), now);
            store.send(Topics.APPROVALS, row.path(), ApprovalRequested.of(id, discovery, now), now);
            Optional<Policies.Decision> rule = held != null ? Optional.empty()
                    : policies.decide(row.path(), row.size());
            rule.ifPresent(r -> transitions.approve(row, r.actor(), r.strategy(), r.partSize(), "approval policy",
                    now));
            return Optional.of(new Created(id, rule.map(Policies.Decision::actor)));
        });
        created.ifPresent(c -> {
            log.info("{} ({} bytes): approval {}{} {}", RelativePath.printable(discovery.path()), discovery.size(),
                    c.id(), held == null ? "" : " (held: " + held.type() + ")",
                    c.approvedBy().map(by -> "approved by " + by).orElse("waits for a decision" + where));
            afterCommit.run();
        });
        return created.map(Created::id);
    }
}
