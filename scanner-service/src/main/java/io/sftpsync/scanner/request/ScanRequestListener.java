package io.sftpsync.scanner.request;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.events.ScanRequested;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.scanner.scan.ScanRequest;
import io.sftpsync.scanner.scan.Scanner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Scans what other systems ask for on {@code sftp.scan.requests}: one request at a time, each after the scan
 * running (if any) has finished, never refused for being busy. The request's offset is committed once its scan
 * has published its {@code ScanCompleted} (which names the request), so a process that dies mid-scan leaves the
 * request to the next one. A request that is not a valid {@link ScanRequested} (a hostile subtree included) goes
 * to the dead-letter topic.
 */
public final class ScanRequestListener {

    public static final String GROUP = "scanner-requests";
    public static final String FACTORY = "scanRequestFactory";

    private static final Logger log = LoggerFactory.getLogger(ScanRequestListener.class);

    private final Scanner scanner;
    private final DeadLetterPublishingRecoverer deadLetters;

    public ScanRequestListener(Scanner scanner, DeadLetterPublishingRecoverer deadLetters) {
        this.scanner = scanner;
        this.deadLetters = deadLetters;
    }

    /** With leader election, the elected scanner starts it ({@code LeaderRole}). */
    @KafkaListener(id = GROUP, topics = Topics.SCAN_REQUESTS, containerFactory = FACTORY,
            autoStartup = "#{!${sync.scan.leader-election:false}}")
    void on(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        ScanRequested request;
        try {
            request = EventCodec.decode(record.value(), ScanRequested.class);
        } catch (MalformedEventException e) {
            log.warn("{}@{}/{}: {} -> dead-letter topic", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            deadLetters.accept(record, e);
            return;
        }
        log.info("scan request {} from {}: {}{}", request.requestId(), request.requester(),
                request.subtree().isEmpty() ? "the whole base path" : RelativePath.printable(request.subtree()),
                request.dryRun() ? ", dry run" : "");
        ScanReport report = scanner.scanWhenFree(ScanRequest.of(request));
        log.info("scan request {} answered by scan {}", request.requestId(), report.summary().scanId());
    }
}
