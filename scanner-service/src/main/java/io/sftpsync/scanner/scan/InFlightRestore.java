package io.sftpsync.scanner.scan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the in-flight journal back at start-up: topics exist by then (they are created once every bean is), and
 * the earliest phase starts it before the result listener and the scan schedule.
 */
public final class InFlightRestore implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InFlightRestore.class);

    private final InFlightRegistry registry;
    private final boolean enabled;
    private final String whyNot;
    private volatile boolean running;

    /**
     * @param enabled {@code sync.scan.in-flight-restore}, resolved: false leaves earlier runs' entries unread
     * @param whyNot  the log's reason when it is not enabled
     */
    public InFlightRestore(InFlightRegistry registry, boolean enabled, String whyNot) {
        this.registry = registry;
        this.enabled = enabled;
        this.whyNot = whyNot;
    }

    @Override
    public void start() {
        if (enabled) {
            registry.restore();
        } else {
            log.info("in-flight registry: files queued by earlier runs are not restored at start-up ({})", whyNot);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
