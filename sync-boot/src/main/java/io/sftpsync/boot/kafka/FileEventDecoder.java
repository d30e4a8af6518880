package io.sftpsync.boot.kafka;

import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.MalformedEventException;
import io.sftpsync.core.events.SizeClass;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Decodes the records of a file topic. A record that is not a valid {@link FileDiscovered} of a class the topic
 * carries goes to the topic's dead-letter topic with the reason (or, for a group that only observes the topic, to
 * whatever else it chose), and the listener goes on with the next.
 */
public final class FileEventDecoder {

    private static final Logger log = LoggerFactory.getLogger(FileEventDecoder.class);

    private final BiConsumer<ConsumerRecord<?, ?>, Exception> rejected;
    private final String where;

    public FileEventDecoder(DeadLetterPublishingRecoverer deadLetters) {
        this(deadLetters::accept, "dead-letter topic");
    }

    /**
     * @param rejected what is done with a record that is not valid
     * @param where    where that puts it, for the log line
     */
    public FileEventDecoder(BiConsumer<ConsumerRecord<?, ?>, Exception> rejected, String where) {
        this.rejected = rejected;
        this.where = where;
    }

    /**
     * @param record   the record, its value JSON bytes
     * @param accepted the classes the record's topic carries
     * @return the event, or empty when the record went to the dead-letter topic
     */
    public Optional<FileDiscovered> decode(ConsumerRecord<String, byte[]> record, Set<SizeClass> accepted) {
        try {
            FileDiscovered event = EventCodec.decode(record.value(), FileDiscovered.class);
            if (!accepted.contains(event.sizeClass())) {
                throw new MalformedEventException("a " + event.sizeClass() + " file on " + record.topic(), null);
            }
            return Optional.of(event);
        } catch (MalformedEventException e) {
            log.warn("{}@{}/{}: {} -> {}", record.topic(), record.partition(), record.offset(), e.getMessage(),
                    where);
            rejected.accept(record, e);
            return Optional.empty();
        }
    }
}
