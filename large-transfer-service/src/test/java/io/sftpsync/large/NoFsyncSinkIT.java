package io.sftpsync.large;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.sftpsync.boot.sftp.SftpPools;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferResult;
import io.sftpsync.core.events.TransferStatus;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.topics.Topics;
import io.sftpsync.large.checkpoint.Checkpoints;
import io.sftpsync.large.checkpoint.TransferCheckpoint;
import io.sftpsync.large.copy.chunked.RangeCopier;
import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import io.sftpsync.testkit.TestFiles;
import io.sftpsync.testkit.TopicReader;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A sink without {@code fsync@openssh.com}: the checkpoints record bytes the sink acknowledged, not bytes known
 * to be on its disk, so a resume re-reads them at the sink first and sends again what no longer matches, instead
 * of stitching lost or damaged chunks into the published file (verification is {@code size} here, which would
 * not notice).
 */
@SpringBootTest(classes = LargeTransferApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedBroker
class NoFsyncSinkIT {

    static final int MiB = 1024 * 1024;
    static final long PIECE = MiB / RangeCopier.PIECES_PER_CHUNK;
    static final Instant MTIME = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    static Path dir;
    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/", "/").sinkOptions(b -> b.withoutFsync());

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Autowired
    Checkpoints checkpoints;
    @Autowired
    SftpPools pools;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/", "/");
        r.add("sync.large.chunk-size", () -> "1MB");
        r.add("sync.large.streams", () -> "3");
        r.add("sync.data-dir", () -> dir.resolve("data").toString());
    }

    @Test
    void recordedChunksTheSinkNoLongerHoldsAreFoundBeforeTheResumeAndSentAgain() throws Exception {
        String path = "lost/chunks.bin";
        long size = 5L * MiB + 321;
        Path local = TestFiles.random(source().root().resolve(path), size, 1, MTIME);
        // chunks 0-2 complete, chunk 3 recorded up to 7 of its 8 pieces
        TransferCheckpoint t = LeftBehind.transfer(checkpoints, pools, path, size, MTIME, MiB, 3, true);
        Path temporary = sink().root().resolve(t.temporary());
        zero(temporary, MiB + 4096, 1000);          // a complete chunk
        zero(temporary, 3L * MiB + PIECE + 7, 10);  // the recorded part of the partial one
        sink().resetCounters();
        double resumedBefore = meters.get("sync.large.chunks.resumed").counter().count();

        TransferResult result = transfer(path, size);

        assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
        assertThat(result.attempts()).as("found before the copy, not by a failed verification").isOne();
        assertThat(result.error()).isEqualTo("sent again chunk(s) [1, 3], which the sink (without fsync) no longer "
                + "held as recorded");
        assertThat(result.resumedFrom()).isEqualTo(2L * MiB);
        assertThat(meters.get("sync.large.chunks.resumed").counter().count()).as("chunks 0 and 2, not sent again")
                .isEqualTo(resumedBefore + 2);
        assertThat(result.bytes()).isEqualTo(size - 2L * MiB);
        // the recorded part, and what the pipelined reads asked for beyond each range's end
        assertThat(sink().bytesRead()).as("the recorded part re-read").isGreaterThanOrEqualTo(3L * MiB + 7 * PIECE);
        assertThat(TestFiles.sha256(sink().root().resolve(path))).isEqualTo(TestFiles.sha256(local));
    }

    @Test
    void recordedChunksTheSinkStillHoldsAreReReadAndThenTrusted() throws Exception {
        String path = "kept/chunks.bin";
        long size = 4L * MiB;
        Path local = TestFiles.random(source().root().resolve(path), size, 2, MTIME);
        LeftBehind.transfer(checkpoints, pools, path, size, MTIME, MiB, 2, true);
        sink().resetCounters();

        TransferResult result = transfer(path, size);

        assertThat(result.status()).as(result.error()).isEqualTo(TransferStatus.SUCCEEDED);
        assertThat(result.error()).isNull();
        assertThat(result.resumedFrom()).isEqualTo(2L * MiB + 7 * PIECE);
        assertThat(result.bytes()).isEqualTo(size - result.resumedFrom());
        assertThat(sink().bytesRead()).as("the recorded part re-read").isGreaterThanOrEqualTo(result.resumedFrom());
        assertThat(TestFiles.sha256(sink().root().resolve(path))).isEqualTo(TestFiles.sha256(local));
    }

    private TransferResult transfer(String path, long size) throws Exception {
        FileDiscovered event = FileDiscovered.of(UUID.randomUUID(), path, size, MTIME, null, null, SyncReason.MISSING,
                SizeClass.LARGE, Instant.now());
        try (TopicReader results = new TopicReader(brokers, Topics.RESULTS);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers),
                     new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FILES_LARGE, path, EventCodec.encode(event))).get();
            return results.await(1, r -> EventCodec.decode(r.value(), TransferResult.class).causationId()
                            .equals(event.eventId()), Duration.ofMinutes(2)).stream()
                    .map(r -> EventCodec.decode(r.value(), TransferResult.class)).findFirst()
                    .orElseThrow(() -> new AssertionError("no result for " + path));
        }
    }

    /** What a sink that lost its page cache can leave: zeros where acknowledged bytes were. */
    private static void zero(Path file, long offset, int length) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(new byte[length]);
        }
    }

    private static InProcessSftpServer source() {
        return servers.sourceServer();
    }

    private static InProcessSftpServer sink() {
        return servers.sinkServer();
    }
}
