package io.sftpsync.large.listener;

import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.retry.Backoff;
import io.sftpsync.core.topics.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Puts a transfer's result on the results topic, a few times with back-off if the broker refuses it; when it
 * still cannot, the record goes to its topic's dead-letter topic with the reason in its exception headers, so
 * the partition moves on instead of waiting for a restart.
 */
final class ResultDelivery {

    private static final Logger log = LoggerFactory.getLogger(ResultDelivery.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final EventPublisher publisher;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final int attempts;
    private final Backoff backoff;

    ResultDelivery(EventPublisher publisher, DeadLetterPublishingRecoverer deadLetters, int attempts,
            Backoff backoff) {
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    /**
     * Delivers the result, or the record to the dead-letter topic.
     *
     * @return whether either is on the broker, so the record may be committed
     */
    boolean deliver(ConsumerRecord<String, byte[]> record, TransferResult result) throws InterruptedException {
        String path = RelativePath.printable(result.path());
        Exception last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                publisher.publish(Topics.RESULTS, result.path(), result)
                        .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                last = e instanceof ExecutionException && e.getCause() instanceof Exception c ? c : e;
                log.warn("{}: publishing its {} result failed (attempt {} of {}): {}", path, result.status(), attempt,
                        attempts, last.toString());
            }
            if (attempt < attempts) {
                backoff.pause(attempt);
            }
        }
        ResultNotPublishedException why = new ResultNotPublishedException("the " + result.status()
                + " result could not be published to " + Topics.RESULTS + " after " + attempts + " attempts: "
                + last, last);
        try {
            deadLetters.accept(record, why);
            log.error("{}: {}; the record went to {}", path, why.getMessage(), Topics.deadLetter(record.topic()));
            return true;
        } catch (RuntimeException e) {
            // Neither topic takes it: left uncommitted, it comes again after a restart or rebalance.
            log.error("{}: {}, and the dead-letter topic refused the record too ({}); it stays uncommitted", path,
                    why.getMessage(), e.toString());
            return false;
        }
    }

    /** Why a record went to the dead-letter topic after it was transferred. */
    static final class ResultNotPublishedException extends Exception {
        ResultNotPublishedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
