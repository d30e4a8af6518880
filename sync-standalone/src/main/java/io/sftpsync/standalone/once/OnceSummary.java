package io.sftpsync.standalone.once;

import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.scanner.delete.DeletionOutcome;
import io.sftpsync.scanner.delete.DeletionPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The text the once mode prints: what was moved per class and status, how fast, and what was left. */
final class OnceSummary {

    private static final int LISTED = 20;

    private OnceSummary() {
    }

    /**
     * @param results   this scan's results, and those that arrived meanwhile for events an earlier run queued and
     *                  did not finish (a crash, a stop): reported apart, as they are not this scan's
     * @param approvals what the approval service made of this scan's oversized files
     */
    static String render(ScanCompleted scan, ScanResults results, List<FileDiscovered> planned,
            boolean planTruncated, Set<SizeClass> handled, PolicyApprovals.Outcome approvals, Duration syncPhase,
            Duration startup, boolean timedOut) {
        StringBuilder out = new StringBuilder();
        out.append("== sftp-sync once: scan ").append(scan.scanId()).append('\n');
        out.append(String.format(Locale.ROOT, "scan: %d files seen, %d up to date, %d queued, %d deferred, %d errors%n",
                scan.filesSeen(), scan.filesUpToDate(), scan.totalQueued(), scan.filesDeferred(), scan.errors().size()));
        for (String e : scan.errors()) {
            out.append("  scan error: ").append(e).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-10s %-10s %8s %14s%n", "class", "status", "files", "bytes"));
        for (SizeClass c : SizeClass.values()) {
            for (TransferStatus s : TransferStatus.values()) {
                if (results.files(c, s) > 0) {
                    out.append(String.format(Locale.ROOT, "%-10s %-10s %8d %14d%n", c, s, results.files(c, s),
                            results.bytes(c, s)));
                }
            }
        }
        // Worth a line: a failure, a large file that resumed, needed retries, or carries a note.
        results.notable().forEach(r -> describe(out, r));
        more(out, results.notableMore());
        if (results.earlierCount() > 0) {
            out.append(String.format(Locale.ROOT, "%d file(s) queued by an earlier run finished during this one:%n",
                    results.earlierCount()));
            results.earlierListed().forEach(r -> describe(out, r));
            more(out, results.earlierCount() - results.earlierListed().size());
        }
        if (!approvals.approved().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%d oversized file(s) approved by an approval policy, copied in"
                    + " this run%n", approvals.approved().size()));
        }
        if (approvals.rejected() > 0) {
            out.append(String.format(Locale.ROOT, "%d oversized file(s) rejected by an operator: left alone until"
                    + " their source changes%n", approvals.rejected()));
        }
        if (approvals.done() > 0) {
            out.append(String.format(Locale.ROOT, "%d oversized file(s) approved and copied by an earlier run%n",
                    approvals.done()));
        }
        for (SizeClass c : SizeClass.values()) {
            long queued = scan.filesQueued().getOrDefault(c, 0L)
                    - (c == SizeClass.OVERSIZED ? approvals.settled() : 0);
            if (queued <= 0 || handled.contains(c)) {
                continue;
            }
            String why = c == SizeClass.OVERSIZED ? "waiting for operator approval"
                    : "waiting: no service in this process handles " + c.name().toLowerCase() + " files yet";
            out.append(String.format(Locale.ROOT, "%d %s file(s) %s%n", queued, c.name().toLowerCase(), why));
            planned.stream().filter(f -> f.sizeClass() == c && !approvals.settledPaths().contains(f.path()))
                    .limit(LISTED).forEach(f -> out.append("  ")
                    .append(RelativePath.printable(f.path())).append(" (").append(f.size()).append(" bytes)\n"));
            if (queued > LISTED || planTruncated) {
                out.append("  ...\n");
            }
        }
        double seconds = syncPhase.toNanos() / 1e9;
        // What this process moved: its scan's files and those an earlier run left (a resumed copy sends only
        // what the sink lacked, and that is what counts).
        long files = results.movedFiles();
        long bytes = results.movedBytes();
        out.append(String.format(Locale.ROOT, "moved %d files, %d bytes: %.1f MB/s, %.1f files/s%n", files, bytes,
                seconds > 0 ? bytes / 1e6 / seconds : 0.0, seconds > 0 ? files / seconds : 0.0));
        out.append(String.format(Locale.ROOT, "start-up: %.2f s%n", startup.toNanos() / 1e9));
        out.append(String.format(Locale.ROOT, "sync phase: %.2f s%n", seconds));
        if (timedOut) {
            out.append("TIMED OUT waiting for results\n");
        }
        return out.toString();
    }

    /**
     * What became of the sink files the source lacks ({@code sync.delete.enabled}).
     *
     * @param plan    what the scan found, or null with deletions off
     * @param outcome what was removed
     * @param dryRun  nothing was removed: say what would be
     * @param skipped why a plan that was ready was not carried out, or null
     */
    static String deletions(DeletionPlan plan, DeletionOutcome outcome, boolean dryRun, String skipped) {
        if (plan == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        if (plan.candidates() == 0) {
            return "deletions: none (the sink has no file the source lacks)\n";
        }
        if (plan.guarded()) {
            out.append(dryRun ? "dry run: a real run would delete no sink file: " : "deletions withheld, none deleted: ")
                    .append(plan.withheld()).append(" (a MASS_DELETION anomaly)\n");
            return out.toString();
        }
        if (dryRun) {
            out.append(String.format(Locale.ROOT, "dry run: would delete %d sink file(s) the source lacks%s%n",
                    plan.candidates(), plan.withheld() != null && !"dry run".equals(plan.withheld())
                            ? " (not now: " + plan.withheld() + ")" : ""));
            plan.files().stream().limit(LISTED).forEach(f -> out.append("  ").append(RelativePath.printable(f.path()))
                    .append(" (").append(f.size()).append(" bytes)\n"));
            if (plan.files().size() > LISTED) {
                out.append("  ...\n");
            }
            return out.toString();
        }
        if (plan.withheld() != null || skipped != null) {
            out.append(String.format(Locale.ROOT, "deletions skipped: %d sink file(s) the source lacks stay, as %s; the"
                    + " next run decides again%n", plan.candidates(), skipped != null ? skipped : plan.withheld()));
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, "deleted %d sink file(s) the source lacks%s%s%n", outcome.removed(),
                outcome.moved() > 0 ? " (" + outcome.moved() + " moved to sync.delete.backup-dir)" : "",
                outcome.skipped() > 0 ? ", " + outcome.skipped() + " left as they changed since the scan" : ""));
        outcome.failed().forEach(f -> out.append("  not deleted: ").append(f).append('\n'));
        return out.toString();
    }

    /**
     * The summary's last lines: what the exit code says, and where the full log is.
     *
     * @param deferred files the scan deferred (too new, still changing, queued by an earlier run)
     * @param waiting  files queued for no service of this process (oversized ones waiting for approval)
     * @param approvalPage where operators decide, quoted when files wait for approval
     * @param logFile  the log file, or null when the log went to the console
     */
    /**
     * What the anomaly service found during the run: a count and the newest few, one line each, or that it had
     * not read everything by the deadline.
     *
     * @param absent true when no anomaly service judged this run (a dry run, or none in the process)
     */
    static String anomalies(OnceAnomalies.Found found, boolean absent) {
        if (absent) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        if (found.total() == 0) {
            out.append("anomalies: none found\n");
        } else {
            out.append(String.format(Locale.ROOT, "anomalies: %d found (GET /api/anomalies; the operator page's"
                    + " Anomalies tab)%n", found.total()));
            found.listed().forEach(a -> out.append(String.format(Locale.ROOT, "  %s %s %s: %s%n", a.severity(),
                    a.type(), a.path().isEmpty() ? "(scan)" : a.path(), a.message())));
            if (found.total() > found.listed().size()) {
                out.append("  ... and ").append(found.total() - found.listed().size()).append(" more\n");
            }
        }
        if (!found.caughtUp()) {
            out.append("  the anomaly service had not read every event of this run in time; it judges the rest at"
                    + " the next start\n");
        }
        return out.toString();
    }

    static String outcome(int exitCode, long deferred, long waiting, String approvalPage, Path logFile) {
        StringBuilder out = new StringBuilder();
        if (deferred > 0 || waiting > 0) {
            out.append(String.format(Locale.ROOT, "incomplete: %d file(s) deferred (modified less than"
                    + " sync.scan.min-age ago, or queued by an earlier run), %d waiting for approval or another"
                    + " service; a later run takes them%n", deferred, waiting));
        }
        if (waiting > 0 && approvalPage != null) {
            out.append("approve or reject them on the operator page: ").append(approvalPage).append('\n');
        }
        String meaning = switch (exitCode) {
            case 0 -> "everything synced";
            case OnceRunner.EXIT_FAILED -> "a transfer failed or the scan reported errors";
            case OnceRunner.EXIT_TIMEOUT -> "timed out waiting for results";
            case OnceRunner.EXIT_INCOMPLETE -> "incomplete, nothing failed";
            default -> "";
        };
        out.append(String.format(Locale.ROOT, "exit %d: %s%n", exitCode, meaning));
        if (logFile != null) {
            out.append("log: ").append(logFile).append('\n');
        }
        return out.toString();
    }

    private static void more(StringBuilder out, long more) {
        if (more > 0) {
            out.append("  ... and ").append(more).append(" more (see the log)\n");
        }
    }

    private static void describe(StringBuilder out, TransferResult r) {
        out.append("  ").append(r.status()).append(' ').append(RelativePath.printable(r.path()));
        if (r.status() == TransferStatus.FAILED) {
            out.append(": ").append(r.error()).append('\n');
            return;
        }
        out.append(": ").append(r.attempts()).append(" attempt(s)");
        if (r.resumedFrom() > 0) {
            out.append(", resumed from ").append(r.resumedFrom()).append(" bytes");
        }
        out.append(", ").append(r.bytes()).append(" bytes sent");
        if (r.error() != null) {
            out.append("; ").append(r.error());
        }
        out.append('\n');
    }
}
