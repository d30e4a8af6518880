package io.sftpsync.scanner.scan;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.ScanCompleted;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.topics.Topics;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one scan publishes: a FileDiscovered per file to queue, on its class's topic and keyed by path, and the
 * ScanCompleted at the end. A file is in flight from its send on, and no longer when the send fails, so that
 * the next scan queues it again; a failed send, of the event or of its in-flight entry, is an error of the scan.
 * An oversized file is not in flight: it waits for a person, not for a result, and the approval service
 * recognises the same discovery when a later scan publishes it again. With the risk gate on, a file that is not
 * oversized goes to {@code sftp.files.screening} instead, and is in flight all the same: the gate forwards it to its
 * class topic or holds it for approval.
 */
final class ScanPublisher {

    /** Sends awaited at once, so a huge scan does not hold a future per file. */
    static final int WINDOW = 2_000;

    /** The scanner's logger, where operators look for a scan's lines. */
    private static final Logger log = LoggerFactory.getLogger(Scanner.class);

    private final EventPublisher publisher;
    private final InFlightRegistry inFlight;
    private final ScanErrors errors;
    /** Whether discoveries pass the risk gate first. */
    private final boolean screen;
    private final Deque<CompletableFuture<?>> sends = new ArrayDeque<>();

    ScanPublisher(EventPublisher publisher, InFlightRegistry inFlight, ScanErrors errors, boolean screen) {
        this.publisher = publisher;
        this.inFlight = inFlight;
        this.errors = errors;
        this.screen = screen;
    }

    /** The topic a discovery goes to. */
    static String topicFor(SizeClass sizeClass, boolean screen) {
        return screen && sizeClass != SizeClass.OVERSIZED ? Topics.FILES_SCREENING : Topics.forClass(sizeClass);
    }

    void discovered(RemoteFile source, FileDiscovered event) {
        if (event.sizeClass() != SizeClass.OVERSIZED) {
            sends.add(inFlight.queued(source, event.eventId()));
        }
        sends.add(publisher.publish(topicFor(event.sizeClass(), screen), source.path(), event).whenComplete((r, e) -> {
            if (e != null) {
                inFlight.finished(source.path(), event.eventId());
            }
        }));
        if (sends.size() >= WINDOW) {
            awaitUntil(WINDOW / 2);
        }
    }

    /** Waits for every send still outstanding; call it before the summary is made, which counts their errors. */
    void awaitAll() {
        awaitUntil(0);
    }

    /** Publishes the summary and waits; a failure is logged, as the scan itself is done. */
    void completed(ScanCompleted summary) {
        try {
            publisher.publishAndWait(Topics.SCANS, summary.scanId().toString(), summary);
        } catch (RuntimeException e) {
            log.error("scan {}: could not publish the summary: {}", summary.scanId(), e.toString());
        }
    }

    private void awaitUntil(int outstanding) {
        while (sends.size() > outstanding) {
            try {
                sends.removeFirst().join();
            } catch (RuntimeException e) {
                errors.add("publish failed: " + e.getMessage());
            }
        }
    }
}
