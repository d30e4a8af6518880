package io.sftpsync.scanner.audit;

import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/** Starts audits on {@code sync.scan.audit.cron}, on a scheduler of their own; "-" (the default) schedules none. */
public final class AuditScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditScheduler.class);

    private final Auditor auditor;
    private final TaskScheduler scheduler;
    private final String cron;
    private volatile ScheduledFuture<?> task;
    private volatile boolean started;

    /** @param cron Spring cron expression, or "-" for none */
    public AuditScheduler(Auditor auditor, TaskScheduler scheduler, String cron) {
        this.auditor = auditor;
        this.scheduler = scheduler;
        this.cron = cron;
    }

    @Override
    public void start() {
        started = true;
        if ("-".equals(cron)) {
            log.info("no audit schedule: integrity audits run only when asked for (POST /api/scans/audit)");
            return;
        }
        log.info("integrity audits on schedule '{}'", cron);
        task = scheduler.schedule(this::run, new CronTrigger(cron));
    }

    private void run() {
        try {
            auditor.run("schedule");
        } catch (AuditInProgressException e) {
            log.info("scheduled audit skipped: the previous one is still running");
        } catch (RuntimeException e) {
            log.error("scheduled audit failed", e);
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(true);
        }
        task = null;
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
