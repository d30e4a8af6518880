package io.sftpsync.bench;

import io.sftpsync.core.copy.CopyOutcome;
import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import io.sftpsync.testkit.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Measures one copy of a random file between two in-process SFTP servers and prints MB/s; not a test, as the
 * number depends on the machine. Run with the test classpath: {@code CopyThroughput [MiB] [compression]}.
 */
public final class CopyThroughput {

    private CopyThroughput() {
    }

    /**
     * Copies the file three times (the first run includes JIT warm-up) and prints each rate.
     *
     * @param args size in MiB (default 256), then "true" for zlib compression
     * @throws Exception when the servers or the copy fail
     */
    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 256;
        boolean compression = args.length > 1 && Boolean.parseBoolean(args[1]);
        long size = mib * 1024 * 1024;
        Instant mtime = Instant.parse("2024-01-01T00:00:00Z");
        Path dir = Files.createTempDirectory("copy-throughput");
        try (InProcessSftpServer source = InProcessSftpServer.builder(dir.resolve("source")).start();
             InProcessSftpServer sink = InProcessSftpServer.builder(dir.resolve("sink")).start();
             SftpConnector connector = new SftpConnector(dir.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW)) {
            TestFiles.random(source.root().resolve("big.bin"), size, 1, mtime);
            SftpTuning tuning = SftpTuning.DEFAULT.withCompression(compression);
            SftpPool from = connector.pool(source.endpoint("source", "/"), tuning);
            SftpPool to = connector.pool(sink.endpoint("sink", "/"), tuning);
            long window = from.call(s -> ((org.apache.sshd.sftp.client.impl.AbstractSftpClient) s.client())
                    .getChannel().getLocalWindow().getMaxSize());
            FileCopier copier = new FileCopier();
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                CopyOutcome outcome = copier.copy(from, to, "big.bin", size, mtime);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("run %d: %d MiB in %.2f s = %.1f MB/s (%d byte reads/writes, window %d, compression %s)%n",
                        run, mib, seconds, outcome.bytes() / 1e6 / seconds, from.bufferSize(), window, compression);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
