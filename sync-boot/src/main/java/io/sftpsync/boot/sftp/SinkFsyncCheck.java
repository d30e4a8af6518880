package io.sftpsync.boot.sftp;

import io.sftpsync.core.copy.SinkFsync;
import io.sftpsync.core.sftp.SftpPool;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

/**
 * Says once, when a process that writes to the sink starts, that the sink does not offer fsync@openssh.com, and
 * what that means, instead of the copies failing to make their files durable without a word.
 */
public final class SinkFsyncCheck {

    private static final Logger log = LoggerFactory.getLogger(SinkFsyncCheck.class);

    private final Supplier<SftpPool> sink;
    private final BooleanSupplier copiesToTheSink;
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * @param sink            the sink's pool, asked for only when there is something to check
     * @param copiesToTheSink whether this process copies files to the sink
     */
    public SinkFsyncCheck(Supplier<SftpPool> sink, BooleanSupplier copiesToTheSink) {
        this.sink = sink;
        this.copiesToTheSink = copiesToTheSink;
    }

    /** Asks the sink in the background, so a slow or unreachable sink does not hold up start-up. */
    @EventListener(ContextRefreshedEvent.class)
    public void onStart() {
        if (copiesToTheSink.getAsBoolean() && started.compareAndSet(false, true)) {
            Thread.ofVirtual().name("sink-fsync-check").start(this::check);
        }
    }

    /**
     * Asks the sink whether it offers fsync@openssh.com and warns when it does not.
     *
     * @return whether it does; true when the sink could not be asked (the scan reports an unreachable server)
     */
    boolean check() {
        SftpPool pool = sink.get();
        boolean offered;
        try {
            offered = pool.call(dst -> SinkFsync.offered(dst.client()));
        } catch (IOException | RuntimeException e) {
            log.debug("could not ask the sink whether it offers {}: {}", SinkFsync.EXTENSION, e.toString());
            return true;
        }
        if (!offered) {
            log.warn("the sink {} does not offer {}: copies are renamed into place and reported SUCCEEDED once its "
                    + "server has written them, but their bytes may still be in its page cache, so a crash or power "
                    + "loss of the sink machine can lose or truncate recently copied files (OpenSSH's sftp-server "
                    + "offers it)", pool.endpoint().describe(), SinkFsync.EXTENSION);
        }
        return offered;
    }
}
