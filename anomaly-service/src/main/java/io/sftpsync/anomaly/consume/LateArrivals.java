package io.sftpsync.anomaly.consume;

import io.sftpsync.anomaly.detect.AnomalyType;
import io.sftpsync.anomaly.detect.Dedupe;
import io.sftpsync.anomaly.detect.LateArrivalDetector;
import io.sftpsync.anomaly.report.Reporter;
import io.sftpsync.anomaly.store.Arrivals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * LATE_ARRIVAL for every directory and name pattern whose learnt rhythm has a window that passed without a new
 * file: once per missed window (dedupe key: the subject and the window's due time), however often it checks. The
 * work is bounded: subjects with fewer arrivals than the detector needs are left out by the database, and each
 * subject's rhythm is learnt from at most its {@value #ARRIVALS} latest arrivals within the retention.
 */
public final class LateArrivals {

    /** Arrivals a rhythm is learnt from at most: over two months of an hourly file. */
    static final int ARRIVALS = 1_500;

    private final Arrivals arrivals;
    private final Reporter reporter;
    private final TransactionTemplate transactions;
    private final LateArrivalDetector detector;
    private final Duration retention;
    private final Clock clock;

    /**
     * @param retention arrivals older than this are not learnt from (the history's retention)
     * @param clock     the time of each check
     */
    public LateArrivals(Arrivals arrivals, Reporter reporter, TransactionTemplate transactions,
            LateArrivalDetector detector, Duration retention, Clock clock) {
        this.arrivals = arrivals;
        this.reporter = reporter;
        this.transactions = transactions;
        this.detector = detector;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Checks every subject with a rhythm now.
     *
     * @return the anomalies raised by this check (not those raised before for the same windows)
     */
    public int check() {
        Instant now = clock.instant();
        Instant since = now.minus(retention);
        int raised = 0;
        for (Arrivals.Subject subject : arrivals.subjects(since, detector.minArrivals())) {
            List<Instant> times = arrivals.of(subject, since, ARRIVALS);
            Optional<LateArrivalDetector.Late> late = detector.late(label(subject), times, now);
            if (late.isPresent()) {
                Dedupe key = Dedupe.of(subject.name(), AnomalyType.LATE_ARRIVAL, late.get().lastDue());
                Boolean isNew = transactions.execute(status -> reporter.report(key, late.get().finding(), null, now));
                raised += Boolean.TRUE.equals(isNew) ? 1 : 0;
            }
        }
        return raised;
    }

    private static String label(Arrivals.Subject subject) {
        if (subject.kind() == Arrivals.Kind.PATTERN) {
            return subject.name();
        }
        return subject.name().isEmpty() ? "the base directory" : subject.name() + "/";
    }
}
