package io.sftpsync.core.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sftpsync.core.bandwidth.Bandwidth;
import io.sftpsync.core.bandwidth.Throttle;
import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server's bandwidth limit on real copies through MINA's server: the bytes arrive intact, cannot arrive sooner than
 * the limit allows (only a lower bound on the time: a slow machine makes a copy slower, never faster), and every
 * request pays (on a clock that moves only when the throttle sleeps).
 */
class ThrottledPoolTest {

    static final Instant MTIME = Instant.parse("2023-05-06T07:08:09Z");
    static final int MIB = 1 << 20;

    @RegisterExtension
    static final SftpPair servers = new SftpPair();
    final FileCopier copier = new FileCopier();

    @Test
    void writesToAThrottledSinkTakeAtLeastWhatTheRateAllows() throws Exception {
        Path local = TestFiles.random(servers.sourceData("three.bin"), 3L * MIB, 1, MTIME);
        try (SftpPool sink = throttled(servers.sinkServer().endpoint("sink", "/backup/data"), "1MB")) {
            long start = System.nanoTime();
            copier.copy(servers.source(), sink, "three.bin", 3L * MIB, MTIME);
            double seconds = (System.nanoTime() - start) / 1e9;

            // One second's worth passes at once; the other 2 MiB take 2 s at 1 MiB/s.
            assertThat(seconds).isGreaterThanOrEqualTo(1.8);
        }
        assertThat(TestFiles.sha256(servers.sinkData("three.bin"))).isEqualTo(TestFiles.sha256(local));
    }

    @Test
    void everyReadOfSmallFilesFromAThrottledSourceIsPaidFor() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            files.add(TestFiles.random(servers.sourceData("small/" + i + ".bin"), 64 * 1024, i, MTIME));
        }
        // A clock that moves only when the throttle sleeps: the sleeps add up to what the bytes cost beyond the
        // first second's worth, however slow or fast the copies themselves are.
        long[] nanos = {0};
        Throttle throttle = new Throttle(Bandwidth.parse("1MB"), Clock.systemUTC(), () -> nanos[0],
                n -> nanos[0] += n);
        try (SftpPool source = servers.connector().pool(servers.sourceServer().endpoint("source", "/data"),
                SftpTuning.DEFAULT, throttle)) {
            for (int i = 0; i < files.size(); i++) {
                copier.copy(source, servers.sink(), "small/" + i + ".bin", 64 * 1024, MTIME);
            }
        }
        // 24 x 64 KiB = 1.5 MiB read, of which 1 MiB passes at once: 0.5 s at 1 MiB/s.
        assertThat(nanos[0] / 1e9).isCloseTo(0.5, within(0.001));
        for (int i = 0; i < files.size(); i++) {
            assertThat(TestFiles.sha256(servers.sinkData("small/" + i + ".bin")))
                    .isEqualTo(TestFiles.sha256(files.get(i)));
        }
    }

    @Test
    void poolsGivenOneThrottleShareItsRate() throws Exception {
        Path a = TestFiles.random(servers.sourceData("shared/a.bin"), 3L * MIB / 2, 7, MTIME);
        Path b = TestFiles.random(servers.sourceData("shared/b.bin"), 3L * MIB / 2, 8, MTIME);
        Throttle throttle = Throttle.of(Bandwidth.parse("1MB"));
        SftpEndpoint endpoint = servers.sinkServer().endpoint("sink", "/backup/data");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try (SftpPool one = servers.connector().pool(endpoint, SftpTuning.DEFAULT, throttle);
                SftpPool other = servers.connector().pool(endpoint, SftpTuning.DEFAULT, throttle)) {
            long start = System.nanoTime();
            Future<?> first = two.submit(() -> copier.copy(servers.source(), one, "shared/a.bin", 3L * MIB / 2, MTIME));
            Future<?> second = two.submit(() -> copier.copy(servers.source(), other, "shared/b.bin", 3L * MIB / 2,
                    MTIME));
            first.get();
            second.get();
            double seconds = (System.nanoTime() - start) / 1e9;

            // 3 MiB together through one 1 MiB/s bucket; each pool alone would be done after 0.5 s.
            assertThat(seconds).isGreaterThanOrEqualTo(1.8);
        } finally {
            two.shutdownNow();
        }
        assertThat(TestFiles.sha256(servers.sinkData("shared/a.bin"))).isEqualTo(TestFiles.sha256(a));
        assertThat(TestFiles.sha256(servers.sinkData("shared/b.bin"))).isEqualTo(TestFiles.sha256(b));
    }

    private static SftpPool throttled(SftpEndpoint endpoint, String rate) {
        return servers.connector().pool(endpoint, SftpTuning.DEFAULT, Throttle.of(Bandwidth.parse(rate)));
    }
}
