package io.sftpsync.core.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for every {@link SyncEvent}. */
public final class EventSerializer implements Serializer<SyncEvent> {
    @Override
    public byte[] serialize(String topic, SyncEvent data) {
        return data == null ? null : EventCodec.encode(data);
    }
}
