package io.sftpsync.large.copy.chunked;

import io.sftpsync.core.copy.SinkFsync;
import io.sftpsync.core.sftp.SftpPool;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the sink offers {@code fsync@openssh.com}. Without it {@link DurableSync} cannot make writes durable,
 * so checkpoints record bytes the sink acknowledged, which a sink crash can still lose: a resume then re-reads
 * them at the sink before trusting them. Says so once per process (WARN), when first found.
 */
public final class SinkDurability {

    private static final Logger log = LoggerFactory.getLogger(SinkDurability.class);

    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * Asks the sink, on a channel of its pool.
     *
     * @param sink the sink
     * @return true when the sink offers the extension
     * @throws IOException when no channel could be opened
     */
    public boolean offered(SftpPool sink) throws IOException {
        boolean offered = sink.call(s -> SinkFsync.offered(s.client()));
        if (!offered && warned.compareAndSet(false, true)) {
            log.warn("the sink {} does not offer fsync@openssh.com: large-transfer checkpoints record bytes the sink "
                    + "acknowledged, not bytes known to be on its disk, so a resumed transfer re-reads the recorded "
                    + "part at the sink and sends again every chunk that does not match", sink.endpoint().describe());
        }
        return offered;
    }

    /** Asks at start-up, so that the warning comes before the first transfer; an unreachable sink is asked later. */
    public void probe(SftpPool sink) {
        Thread.ofVirtual().name("sink-fsync-probe").start(() -> {
            try {
                offered(sink);
            } catch (IOException | RuntimeException e) {
                log.debug("could not ask the sink about fsync@openssh.com yet: {}", e.toString());
            }
        });
    }
}
