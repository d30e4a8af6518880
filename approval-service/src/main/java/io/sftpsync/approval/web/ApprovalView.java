package io.sftpsync.approval.web;

import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.approval.store.ApprovalRow;
import io.sftpsync.approval.store.HistoryRow;
import io.sftpsync.core.events.TransferStrategy;
import java.time.Instant;

/** An approval as the API shows it: the operator page is written against exactly these fields. */
public record ApprovalView(
        String id,
        String path,
        long size,
        Instant sourceMtime,
        Instant discoveredAt,
        ApprovalState state,
        TransferStrategy strategy,
        Long partSize,
        String decidedBy,
        Instant decidedAt,
        String comment,
        String firstApprover,
        boolean twoPersonRequired,
        String outcome,
        Progress progress,
        Anomaly anomaly,
        Instant updatedAt) {

    /** The CRITICAL anomaly the risk gate held the file for; null on an oversized file's approval. */
    public record Anomaly(String id, String type, String severity, String sentence) {
    }

    /** The latest progress of the transfer, when one was reported. */
    public record Progress(long bytesDone, long totalBytes, double bytesPerSecond, Long etaSeconds, Instant at) {
    }

    /** One history entry. */
    public record HistoryItem(Instant at, ApprovalState fromState, ApprovalState toState, String actor,
            TransferStrategy strategy, Long partSize, String comment) {

        static HistoryItem of(HistoryRow h) {
            return new HistoryItem(h.at(), h.fromState(), h.toState(), h.actor(), h.strategy(), h.partSize(),
                    h.comment());
        }
    }

    static ApprovalView of(ApprovalRow r, boolean twoPersonRequired) {
        Progress progress = r.progressAt() == null ? null : new Progress(r.bytesDone(), r.totalBytes(),
                r.bytesPerSecond(), r.etaSeconds(), r.progressAt());
        return new ApprovalView(r.id(), r.path(), r.size(), r.sourceMtime(), r.discoveredAt(), r.state(),
                r.strategy(), r.partSize(), r.decidedBy(), r.decidedAt(), r.comment(), r.firstApprover(),
                twoPersonRequired, r.outcome(), progress, r.held() ? new Anomaly(r.anomalyId(), r.anomalyType(),
                        r.anomalySeverity(), r.anomalySentence()) : null, r.updatedAt());
    }
}
