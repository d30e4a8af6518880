package io.sftpsync.large.progress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SyncEvent;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells how far each chunked transfer is: a {@link TransferProgress} event per completed chunk on
 * {@code sftp.transfers.progress}, and gauges of bytes done and total per file while it runs.
 */
public final class ProgressReporter {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final EventPublisher publisher;
    private final MeterRegistry meters;
    private final AtomicInteger active = new AtomicInteger();
    private final Counter chunksResumed;

    public ProgressReporter(EventPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
        Gauge.builder("sync.large.transfers.active", active, AtomicInteger::get)
                .description("chunked transfers running").register(meters);
        this.chunksResumed = Counter.builder("sync.large.chunks.resumed")
                .description("chunks a resumed transfer found at the sink and did not send again").register(meters);
    }

    /** A transfer resumes: these chunks (with bytes at the sink it trusts) are not sent again. */
    public void resumed(long chunks) {
        chunksResumed.increment(chunks);
    }

    /**
     * Starts tracking one attempt of a transfer.
     *
     * @param transferId  the transfer
     * @param cause       the event being served
     * @param totalChunks chunks in the file
     * @param done        bytes the sink already has from earlier attempts
     * @return the tracker; close it when the attempt ends
     */
    public Tracker start(UUID transferId, FileDiscovered cause, int totalChunks, long done) {
        return new Tracker(transferId, cause, totalChunks, done);
    }

    /** One attempt's progress. */
    public final class Tracker implements AutoCloseable {
        private final UUID transferId;
        private final FileDiscovered cause;
        private final int totalChunks;
        private final AtomicLong done;
        private final AtomicLong sent = new AtomicLong();
        private final long startNanos = System.nanoTime();
        private final List<Gauge> gauges;

        private Tracker(UUID transferId, FileDiscovered cause, int totalChunks, long done) {
            this.transferId = transferId;
            this.cause = cause;
            this.totalChunks = totalChunks;
            this.done = new AtomicLong(done);
            String path = RelativePath.printable(cause.path());
            this.gauges = List.of(
                    Gauge.builder("sync.large.transfer.bytes.done", this.done, AtomicLong::get).baseUnit("bytes")
                            .tag("path", path).description("bytes the sink has durably").register(meters),
                    Gauge.builder("sync.large.transfer.bytes.total", cause, FileDiscovered::size).baseUnit("bytes")
                            .tag("path", path).register(meters));
            active.incrementAndGet();
        }

        /** More bytes are durable at the sink. */
        public void durable(long bytes) {
            done.addAndGet(bytes);
            sent.addAndGet(bytes);
        }

        /** Bytes sent by this attempt so far. */
        public long sent() {
            return sent.get();
        }

        /** A chunk is complete: publishes its progress event (without waiting for the broker). */
        public void chunkDone(int chunk) {
            double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
            double rate = sent.get() / seconds;
            long remaining = cause.size() - done.get();
            Long eta = rate > 0 ? Long.valueOf((long) Math.ceil(remaining / rate)) : null;
            TransferProgress event = new TransferProgress(SyncEvent.CURRENT_SCHEMA_VERSION, transferId,
                    cause.eventId(), cause.path(), done.get(), cause.size(), chunk, totalChunks, rate, eta,
                    Instant.now());
            publisher.publish(Topics.PROGRESS, cause.path(), event).whenComplete((r, e) -> {
                if (e != null) {
                    log.warn("progress of {} not published: {}", RelativePath.printable(cause.path()), e.toString());
                }
            });
        }

        @Override
        public void close() {
            gauges.forEach(meters::remove);
            active.decrementAndGet();
        }
    }
}
