package io.sftpsync.boot.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a consumer group's committed offsets to a point in time, as {@code kafka-consumer-groups --reset-offsets
 * --to-datetime} does: only while the group has no member, since a running consumer would overwrite them with its
 * next commit.
 */
public class OffsetResetter {

    private static final Logger log = LoggerFactory.getLogger(OffsetResetter.class);

    private final Supplier<Admin> admins;

    OffsetResetter(Supplier<Admin> admins) {
        this.admins = admins;
    }

    public OffsetResetResult reset(OffsetResetRequest request, String user) {
        OffsetResetRequest.Checked r = request.checked();
        try (Admin admin = admins.get()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(r.group())).all().get()
                    .get(r.group());
            if (!group.members().isEmpty()) {
                throw new GroupActiveException(r.group(), group.members().size());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(r.group())
                    .partitionsToOffsetAndMetadata().get();
            List<TopicPartition> partitions = new ArrayList<>();
            if (r.topic() != null) {
                int count = Replayer.partitionCount(admin, r.topic(), "topic");
                for (int p = 0; p < count; p++) {
                    partitions.add(new TopicPartition(r.topic(), p));
                }
            } else {
                partitions.addAll(committed.keySet());
                if (partitions.isEmpty()) {
                    throw new ReplayRefusedException("group", r.group() + " has no committed offsets: name the"
                            + " topic to give it some");
                }
            }
            partitions.sort(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
            Map<TopicPartition, Long> targets = offsetsAt(admin, partitions, r);
            List<OffsetResetResult.Moved> moved = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> change = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata before = committed.get(tp);
                long to = targets.get(tp);
                moved.add(new OffsetResetResult.Moved(tp.topic(), tp.partition(),
                        before == null ? null : before.offset(), to));
                change.put(tp, new OffsetAndMetadata(to));
            }
            if (!r.dryRun()) {
                try {
                    admin.alterConsumerGroupOffsets(r.group(), change).all().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownMemberIdException
                            || e.getCause() instanceof RebalanceInProgressException) {
                        throw new GroupActiveException(r.group(), e.getCause());
                    }
                    throw e;
                }
                log.info("offsets of group {} moved to {} by {}: {}", r.group(), r.timestamp(), user, moved);
            }
            return new OffsetResetResult(r.group(), r.timestamp(), r.dryRun(), moved);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The first offset at or after the instant; the partition's end where no record is that recent. */
    private static Map<TopicPartition, Long> offsetsAt(Admin admin, List<TopicPartition> partitions,
            OffsetResetRequest.Checked r) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> atTime = new HashMap<>();
        partitions.forEach(tp -> atTime.put(tp, OffsetSpec.forTimestamp(r.timestamp().toEpochMilli())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(atTime).all().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, Long> out = new HashMap<>();
        found.forEach((tp, info) -> {
            if (info.offset() < 0) {
                latest.put(tp, OffsetSpec.latest());
            } else {
                out.put(tp, info.offset());
            }
        });
        if (!latest.isEmpty()) {
            admin.listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        }
        return out;
    }
}
