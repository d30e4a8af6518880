package io.sftpsync.large.janitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.large.checkpoint.Checkpoints;
import io.sftpsync.large.checkpoint.TransferCheckpoint;
import io.sftpsync.large.checkpoint.TransferLock;
import io.sftpsync.large.copy.chunked.ChunkedCopy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes transfers nobody continues: those without progress for longer than the abandon age lose their
 * temporary file at the sink and their checkpoints. A transfer that is running (its lock is held, by this
 * instance or another) is never touched, however old its last progress.
 */
public final class Janitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Janitor.class);

    private final Checkpoints checkpoints;
    private final TransferLock lock;
    private final ChunkedCopy chunked;
    private final SftpPool sink;
    private final Duration abandonAfter;
    private final Clock clock;
    private final Counter removed;
    private final ScheduledExecutorService timer;

    public Janitor(Checkpoints checkpoints, TransferLock lock, ChunkedCopy chunked, SftpPool sink,
            Duration abandonAfter, Duration interval, Clock clock, MeterRegistry meters) {
        this.checkpoints = checkpoints;
        this.lock = lock;
        this.chunked = chunked;
        this.sink = sink;
        this.abandonAfter = abandonAfter;
        this.clock = clock;
        this.removed = Counter.builder("sync.large.abandoned").description("abandoned transfers removed")
                .register(meters);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("large-janitor")
                .daemon(true).factory());
        timer.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Removes every abandoned transfer that is not running.
     *
     * @return how many were removed
     */
    public int sweep() {
        int count = 0;
        for (TransferCheckpoint t : checkpoints.idleSince(clock.instant().minus(abandonAfter))) {
            try {
                Optional<TransferLock.Lease> lease = lock.tryAcquire(t.path());
                if (lease.isEmpty()) {
                    continue;
                }
                try (TransferLock.Lease held = lease.get()) {
                    // Read again under the lock: a transfer may have made progress since the list was read.
                    var current = checkpoints.find(t.path());
                    if (current.isEmpty() || !current.get().transfer().id().equals(t.id())
                            || current.get().transfer().updatedAt().isAfter(clock.instant().minus(abandonAfter))) {
                        continue;
                    }
                    log.info("removing the transfer of {} abandoned since {} (temporary {})",
                            RelativePath.printable(t.path()), t.updatedAt(), RelativePath.printable(t.temporary()));
                    chunked.discard(sink, current.get().transfer());
                    removed.increment();
                    count++;
                }
            } catch (Exception e) {
                log.warn("could not remove the abandoned transfer of {}: {}", RelativePath.printable(t.path()),
                        e.toString());
            }
        }
        return count;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("janitor: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
