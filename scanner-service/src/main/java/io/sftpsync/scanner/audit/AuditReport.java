package io.sftpsync.scanner.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one integrity audit did.
 *
 * @param auditId    the audit's id, carried by each of its {@code FileAudited} events
 * @param trigger    what started it: schedule or api
 * @param startedAt  when it started
 * @param finishedAt when it finished, null while it runs
 * @param candidates pairs that looked identical by size and mtime
 * @param audited    pairs hashed on both sides and reported to {@code sftp.audits}
 * @param mismatched of those, pairs whose bytes differ, each queued for re-sync
 * @param changed    pairs that changed while being hashed, left for a later audit
 * @param bytesRead  bytes read, both sides together
 * @param errors     what went wrong, the first 100 at most
 */
public record AuditReport(UUID auditId, String trigger, Instant startedAt, Instant finishedAt, long candidates,
        long audited, long mismatched, long changed, long bytesRead, List<String> errors) {

    public AuditReport {
        errors = List.copyOf(errors);
    }

    /** Whether the audit has finished. */
    public boolean finished() {
        return finishedAt != null;
    }
}
