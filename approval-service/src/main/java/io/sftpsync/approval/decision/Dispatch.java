package io.sftpsync.approval.decision;

import io.sftpsync.approval.store.ApprovalRow;
import io.sftpsync.approval.store.ApprovalStore;
import io.sftpsync.boot.proof.ProofKey;
import io.sftpsync.core.events.Approval;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.ExternalTransferRequested;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Queues the one record that runs an approved file: the scanner's FileDiscovered with the signed approval to the
 * large-file topic (an oversized file) or to its own class's topic (a file the risk gate held), or, for EXTERNAL,
 * an ExternalTransferRequested to the external topic. Each call is a new
 * record with a new event id (a retry runs again), remembered on the row so progress and results find it.
 */
public final class Dispatch {

    private final ApprovalStore store;
    private final ProofKey proofKey;
    private final String externalTopic;

    public Dispatch(ApprovalStore store, ProofKey proofKey, String externalTopic) {
        this.store = store;
        this.proofKey = proofKey;
        this.externalTopic = externalTopic;
    }

    /** @param operator who approved it (a user or {@code rule:<name>}) */
    void run(ApprovalRow row, String operator, Instant now) {
        SyncEvent record;
        UUID eventId;
        String topic;
        if (row.strategy() == TransferStrategy.EXTERNAL) {
            eventId = UUID.randomUUID();
            record = new ExternalTransferRequested(SyncEvent.CURRENT_SCHEMA_VERSION, eventId, row.id(), row.path(),
                    row.size(), row.sourceMtime(), operator, now);
            topic = externalTopic;
        } else {
            FileDiscovered discovery = EventCodec.decode(row.discovery().getBytes(StandardCharsets.UTF_8),
                    FileDiscovered.class);
            if (proofKey.proof().isEmpty()) {
                throw new NotConfiguredException("approval " + row.id() + " cannot be run with " + row.strategy()
                        + ": " + ProofKey.HOW_TO_CONFIGURE);
            }
            FileDiscovered signed = proofKey.require("the approval service").sign(discovery.withApproval(
                    new Approval(row.id(), row.strategy(), operator, row.partSize())));
            eventId = signed.eventId();
            record = signed;
            topic = topicFor(discovery.sizeClass());
        }
        row.published(eventId);
        store.save(row);
        store.send(topic, row.path(), record, now);
    }

    /** Where an approved file runs: an oversized one as a large file, any other (held) one as its class does. */
    static String topicFor(SizeClass sizeClass) {
        return sizeClass == SizeClass.OVERSIZED ? Topics.FILES_LARGE : Topics.forClass(sizeClass);
    }
}
