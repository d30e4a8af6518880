package io.sftpsync.scanner.schedule;

import io.sftpsync.scanner.ScanProperties;
import io.sftpsync.scanner.scan.ScanInProgressException;
import io.sftpsync.scanner.scan.Scanner;
import java.util.concurrent.ScheduledFuture;
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
    private final ScanProperties settings;
    private volatile ScheduledFuture<?> task;

    public ScanScheduler(Scanner scanner, TaskScheduler scheduler, ScanProperties settings) {
        this.scanner = scanner;
        this.scheduler = scheduler;
        this.settings = settings;
        if (!"-".equals(settings.cron())) {
            // Fails start-up on a bad expression instead of at the first run.
            CronTrigger unused = new CronTrigger(settings.cron());
        }
    }

    @Override
    public void start() {
        if (settings.interval() != null) {
            log.info("scanning continuously, {} after each scan", settings.interval());
            task = scheduler.scheduleWithFixedDelay(() -> run("interval"), settings.interval());
        } else if (!"-".equals(settings.cron())) {
            log.info("scanning on schedule '{}'", settings.cron());
            task = scheduler.schedule(() -> run("schedule"), new CronTrigger(settings.cron()));
        } else {
            log.info("no scan schedule: scans run only when asked for (POST /api/scans)");
        }
    }

    private void run(String trigger) {
        try {
            scanner.scan(trigger, settings.dryRun());
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
