package io.sftpsync.scanner.schedule;

import io.sftpsync.scanner.scan.ScanInProgressException;
import io.sftpsync.scanner.scan.Scanner;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Starts scans in the continuous mode: every {@code sync.scan.interval} after the previous scan ended when
 * that is set, otherwise on {@code sync.scan.cron} (daily at midnight by default; "-" turns it off).
 */
public final class ScanScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScanScheduler.class);

    private final Scanner scanner;
    private final TaskScheduler scheduler;
    private final String cron;
    private final Duration interval;
    private final boolean dryRun;
    private final BooleanSupplier leading;
    private volatile ScheduledFuture<?> task;

    /**
     * @param cron     Spring cron expression, or "-" for none
     * @param interval the pause between scans, or null to use the cron expression
     * @param dryRun   scheduled scans decide and report, and publish nothing
     * @param leading  whether this scanner may scan now (with leader election: whether it leads)
     */
    public ScanScheduler(Scanner scanner, TaskScheduler scheduler, String cron, Duration interval, boolean dryRun,
            BooleanSupplier leading) {
        this.scanner = scanner;
        this.scheduler = scheduler;
        this.cron = cron;
        this.interval = interval;
        this.dryRun = dryRun;
        this.leading = leading;
        if (!"-".equals(cron)) {
            // Fails start-up on a bad expression instead of at the first run.
            CronTrigger unused = new CronTrigger(cron);
        }
    }

    @Override
    public void start() {
        if (interval != null) {
            log.info("scanning continuously, {} after each scan", interval);
            task = scheduler.scheduleWithFixedDelay(() -> run("interval"), interval);
        } else if (!"-".equals(cron)) {
            log.info("scanning on schedule '{}'", cron);
            task = scheduler.schedule(() -> run("schedule"), new CronTrigger(cron));
        } else {
            log.info("no scan schedule: scans run only when asked for (POST /api/scans)");
        }
    }

    private void run(String trigger) {
        if (!leading.getAsBoolean()) {
            log.debug("{} scan skipped: another scanner leads", trigger);
            return;
        }
        try {
            scanner.scan(trigger, dryRun);
        } catch (ScanInProgressException e) {
            log.info("{} scan skipped: the previous one is still running", trigger);
        } catch (RuntimeException e) {
            log.error("{} scan failed", trigger, e);
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        task = null;
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }
}
