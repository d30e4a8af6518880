package io.sftpsync.large.listener;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Commits records that finish out of order only in order: per partition, a record's acknowledgement is passed
 * on once every earlier record taken from that partition is done, so the committed offset never passes a
 * record still being copied (a crash redelivers it). Acknowledging offset n commits n + 1, which covers the
 * earlier records, so only the last of a run of done records is acknowledged.
 */
final class InOrderAcks {

    /** A record taken; {@link #done()} once it needs no redelivery. */
    interface Ticket {
        void done();
    }

    private final Map<TopicPartition, TreeMap<Long, Entry>> partitions = new HashMap<>();

    /** Registers a record, on the consumer thread, in the order records are received. */
    synchronized Ticket take(ConsumerRecord<?, ?> record, Acknowledgment ack) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Entry entry = new Entry(partition, record.offset(), ack);
        // A record redelivered after a rebalance replaces its earlier registration.
        partitions.computeIfAbsent(partition, p -> new TreeMap<>()).put(record.offset(), entry);
        return entry;
    }

    private synchronized void done(Entry entry) {
        TreeMap<Long, Entry> pending = partitions.get(entry.partition);
        if (pending == null || pending.get(entry.offset) != entry) {
            return;
        }
        entry.done = true;
        Entry last = null;
        while (!pending.isEmpty() && pending.firstEntry().getValue().done) {
            last = pending.pollFirstEntry().getValue();
        }
        if (last != null) {
            // Inside the lock, so acknowledgements of one partition reach the container in offset order.
            last.ack.acknowledge();
        }
    }

    private final class Entry implements Ticket {
        final TopicPartition partition;
        final long offset;
        final Acknowledgment ack;
        boolean done;

        Entry(TopicPartition partition, long offset, Acknowledgment ack) {
            this.partition = partition;
            this.offset = offset;
            this.ack = ack;
        }

        @Override
        public void done() {
            InOrderAcks.this.done(this);
        }
    }
}
