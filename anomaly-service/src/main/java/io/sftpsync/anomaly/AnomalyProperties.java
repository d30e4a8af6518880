package io.sftpsync.anomaly;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The anomaly service: how long history is kept and every detector's thresholds (docs/configuration.md,
 * "Anomaly service"; docs/operations.md, "Anomalies", says what each detector does with them).
 *
 * @param retention       history (file versions, transfers) older than this is deleted
 * @param clockSkew       a modification time up to this far in the future is not FUTURE_TIMESTAMP
 * @param extremeSize     EXTREME_SIZE
 * @param growth          SIZE_GROWTH and SIZE_SHRINK
 * @param oldFile         OLD_FILE
 * @param slowTransfer    SLOW_TRANSFER
 * @param stalledTransfer STALLED_TRANSFER
 * @param interrupted     INTERRUPTED
 * @param lateArrival     LATE_ARRIVAL
 * @param scanVolume      SCAN_VOLUME
 * @param resource        RESOURCE_IMPACT
 * @param riskGate        holding files with a CRITICAL anomaly for approval
 * @param enabled         false: the service consumes nothing (no history, no anomalies); its API still answers
 */
@Validated
@ConfigurationProperties(prefix = "sync.anomaly")
public record AnomalyProperties(
        @NotNull @DefaultValue("90d") Duration retention,
        @NotNull @DefaultValue("5m") Duration clockSkew,
        @NotNull @Valid @DefaultValue ExtremeSize extremeSize,
        @NotNull @Valid @DefaultValue Growth growth,
        @NotNull @Valid @DefaultValue OldFile oldFile,
        @NotNull @Valid @DefaultValue SlowTransfer slowTransfer,
        @NotNull @Valid @DefaultValue StalledTransfer stalledTransfer,
        @NotNull @Valid @DefaultValue Interrupted interrupted,
        @NotNull @Valid @DefaultValue LateArrival lateArrival,
        @NotNull @Valid @DefaultValue ScanVolume scanVolume,
        @NotNull @Valid @DefaultValue Resource resource,
        @NotNull @Valid @DefaultValue RiskGate riskGate,
        @DefaultValue("true") boolean enabled) {

    public AnomalyProperties {
        positive("sync.anomaly.retention", retention);
        if (clockSkew != null && clockSkew.isNegative()) {
            throw new IllegalArgumentException("sync.anomaly.clock-skew must not be negative, was " + clockSkew);
        }
    }

    /**
     * @param factor   a file over factor × its size class's upper boundary, or over factor × the median size of
     *                 its directory's other current files, is EXTREME_SIZE
     * @param minFiles the directory comparison needs at least this many other files
     */
    public record ExtremeSize(
            @DecimalMin("1.0") @DefaultValue("10") double factor,
            @Min(1) @DefaultValue("5") int minFiles) {
    }

    /**
     * @param minSamples        earlier sizes needed before a verdict
     * @param threshold         |M| above which a size is SIZE_GROWTH or SIZE_SHRINK, M = 0.6745·(x − median)/MAD on
     *                          log sizes
     * @param relativeTolerance the floor of the MAD, as a relative change: with the default 0.5, sizes that have
     *                          never varied flag a version over 1.5× or under 1/1.5 of them, not one byte more
     */
    public record Growth(
            @Min(3) @DefaultValue("7") int minSamples,
            @DecimalMin(value = "0.0", inclusive = false) @DefaultValue("3.5") double threshold,
            @DecimalMin(value = "0.0", inclusive = false) @DefaultValue("0.5") double relativeTolerance) {
    }

    /** @param age a modification time older than this is OLD_FILE */
    public record OldFile(@NotNull @DefaultValue("365d") Duration age) {
        public OldFile {
            positive("sync.anomaly.old-file.age", age);
        }
    }

    /**
     * @param factor     a transfer slower than factor × the rolling median throughput of its size class is
     *                   SLOW_TRANSFER
     * @param minSamples earlier transfers of the class needed before a verdict
     * @param minDuration transfers shorter than this are not judged (their time is latency, not throughput)
     */
    public record SlowTransfer(
            @DecimalMin(value = "0.0", inclusive = false) @DecimalMax(value = "1.0", inclusive = false)
            @DefaultValue("0.2") double factor,
            @Min(1) @DefaultValue("10") int minSamples,
            @NotNull @DefaultValue("10s") Duration minDuration) {
    }

    /** @param after an active transfer without a progress event for this long is STALLED_TRANSFER */
    public record StalledTransfer(@NotNull @DefaultValue("10m") Duration after) {
        public StalledTransfer {
            positive("sync.anomaly.stalled-transfer.after", after);
        }
    }

    /** @param repeatedFailures this many failures of one path (within the retention) make INTERRUPTED CRITICAL */
    public record Interrupted(@Min(2) @DefaultValue("3") int repeatedFailures) {
    }

    /**
     * @param tolerance   how long after the learnt window the next file may still arrive before LATE_ARRIVAL
     * @param minArrivals arrivals needed before a rhythm is learnt
     * @param zone        the time zone whose days and hours the rhythm is learnt in (weekdays, "by 06:00")
     */
    public record LateArrival(
            @NotNull @DefaultValue("2h") Duration tolerance,
            @Min(3) @DefaultValue("6") int minArrivals,
            @NotNull @DefaultValue("UTC") ZoneId zone) {
        public LateArrival {
            if (tolerance != null && tolerance.isNegative()) {
                throw new IllegalArgumentException(
                        "sync.anomaly.late-arrival.tolerance must not be negative, was " + tolerance);
            }
        }
    }

    /**
     * @param threshold a ratio: a scan whose file count or queued bytes is at most threshold × the median of the
     *                  recent scans (it fell), or at least median / threshold (it rose), is SCAN_VOLUME
     * @param minScans  recent scans needed before a verdict
     */
    public record ScanVolume(
            @DecimalMin(value = "0.0", inclusive = false) @DecimalMax(value = "1.0", inclusive = false)
            @DefaultValue("0.5") double threshold,
            @Min(1) @DefaultValue("5") int minScans) {
    }

    /** @param budget bytes queued for the sink beyond this are RESOURCE_IMPACT; null: only the sink's free space */
    public record Resource(DataSize budget) {
        public Resource {
            if (budget != null && budget.toBytes() <= 0) {
                throw new IllegalArgumentException("sync.anomaly.resource.budget must be positive, was " + budget);
            }
        }
    }

    /** @param enabled hold a discovered file with a CRITICAL anomaly for approval instead of transferring it */
    public record RiskGate(@DefaultValue("false") boolean enabled) {
    }

    private static void positive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
