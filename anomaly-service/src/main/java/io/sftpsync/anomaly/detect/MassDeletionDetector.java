package io.sftpsync.anomaly.detect;

import io.sftpsync.core.events.ScanCompleted;
import java.util.Optional;

/**
 * MASS_DELETION: a scan found more sink files missing at the source than the deletion guards allow
 * ({@code sync.delete.max}, {@code sync.delete.max-fraction}), so the scanner deleted none. A source that suddenly
 * looks empty (a failed mount, a wrong base path) must never empty the sink; a person decides.
 *
 * <p><b>Severity</b>: CRITICAL. <b>Score</b>: the share of the sink's files that would have gone.
 */
public final class MassDeletionDetector {

    /** @param deletions what the scan found at the sink only, or null when deletions are off */
    public Optional<Finding> detect(ScanCompleted.Deletions deletions) {
        if (deletions == null || deletions.withheld() == null) {
            return Optional.empty();
        }
        double share = deletions.sinkFiles() == 0 ? 1 : (double) deletions.candidates() / deletions.sinkFiles();
        return Optional.of(Finding.of(AnomalyType.MASS_DELETION, Severity.CRITICAL, share,
                "no sink file deleted: " + deletions.withheld()));
    }
}
