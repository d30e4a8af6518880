package io.sftpsync.bench;

import io.sftpsync.core.copy.Digests;
import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.core.copy.RemoteDirectories;
import io.sftpsync.core.copy.SliceInput;
import io.sftpsync.core.copy.TemporaryCheck;
import io.sftpsync.core.copy.WriteOptions;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import io.sftpsync.core.listing.WalkOptions;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpEndpoint;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpInputStreamAsync;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;

/**
 * Benchmark harness (bench/relay-ceiling.sh), not a test: the throughput of the bare relay through MINA's SFTP
 * client that every sftp-sync copy stands on, with none of the pipeline around it: no Kafka, no scan, no sink
 * check or verification, no checkpoints. Several rounds in one JVM, so the first shows a cold JVM (as a once-mode
 * run is) and the later ones compiled code. Prints the time, throughput and the JVM's CPU seconds of each round.
 *
 * <p>Arguments: {@code source-base sink-base what parallel rounds hash [fsync]}, where {@code what} is either a file
 * relative to source-base, copied in {@code parallel} ranges over as many channel pairs (hashed with SHA-256 on
 * the way when {@code hash} is true), or {@code --tree}: every file under source-base, copied with
 * {@link FileCopier} (what a transfer does between its sink check and its verification), {@code parallel} files
 * at a time, each fsync'd at the sink before its rename unless {@code fsync} is false. Every round writes new files under sink-base/round: the previous round's are removed before it
 * starts (untimed), so the sink's page cache and disk see what a sync into an empty sink makes them do.
 * Connection details come from the environment file that scripts/sftp-servers.sh writes (SOURCE_PORT,
 * SOURCE_USER, ..., KNOWN_HOSTS).
 */
public final class RelayCeiling {

    private RelayCeiling() {
    }

    public static void main(String[] args) throws Exception {
        String sourceBase = args[0];
        String sinkBase = args[1];
        String what = args[2];
        int parallel = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        boolean hash = Boolean.parseBoolean(args[5]);
        WriteOptions options = new WriteOptions(args.length < 7 || Boolean.parseBoolean(args[6]), true);
        SftpTuning tuning = SftpTuning.DEFAULT.withPool(parallel, 1);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        try (SftpConnector connector = new SftpConnector(Path.of(env("KNOWN_HOSTS")), HostKeyPolicy.STRICT);
             SftpPool source = connector.pool(endpoint("source", "SOURCE", sourceBase), tuning)) {
            List<RemoteFile> files = new ArrayList<>();
            if (what.equals("--tree")) {
                RemoteWalker.walk(source, new WalkOptions(false, false), e -> {
                    throw new IllegalStateException(e.toString());
                }).forEachRemaining(files::add);
            } else {
                files.add(RemoteWalker.stat(source, what).orElseThrow());
            }
            long bytes = files.stream().mapToLong(RemoteFile::size).sum();
            try (SftpPool sink = connector.pool(endpoint("sink", "SINK", sinkBase + "/round"), tuning)) {
                for (int round = 1; round <= rounds; round++) {
                    removeTree(sink);
                    List<Callable<Object>> copies = what.equals("--tree")
                            ? copiesOf(files, source, sink, options)
                            : rangesOf(files.get(0), parallel, source, sink, hash);
                    long cpu0 = os.getProcessCpuTime();
                    long gc0 = gcMillis();
                    long t0 = System.nanoTime();
                    for (Future<?> copy : workers.invokeAll(copies)) {
                        copy.get();
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                    System.out.printf("round %d: %d file(s), %d at a time%s: %.2f s, %.1f MB/s, %.1f files/s,"
                                    + " JVM CPU %.2f s (%.2f ms a file), GC %d ms%n", round, files.size(), parallel,
                            what.equals("--tree") ? ", fsync " + options.fsync() : " (ranges), hash " + hash, seconds, bytes / 1e6 / seconds,
                            files.size() / seconds, cpu, cpu * 1000 / files.size(), gcMillis() - gc0);
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** Removes every file and directory under the pool's base path, deepest directories last. */
    private static void removeTree(SftpPool sink) throws IOException {
        Set<String> dirs = new HashSet<>();
        for (Iterator<RemoteFile> files = RemoteWalker.walk(sink, new WalkOptions(false, true), e -> {
            throw new IllegalStateException(e.toString());
        }); files.hasNext(); ) {
            String path = files.next().path();
            sink.call(s -> {
                s.client().remove(s.resolve(path));
                return null;
            });
            String dir = RelativePath.parent(path);
            while (!dir.isEmpty() && dirs.add(dir)) {
                dir = RelativePath.parent(dir);
            }
        }
        for (String dir : dirs.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            sink.call(s -> {
                s.client().rmdir(s.resolve(dir));
                return null;
            });
        }
    }

    private static List<Callable<Object>> copiesOf(List<RemoteFile> files, SftpPool source, SftpPool sink,
            WriteOptions options) {
        FileCopier copier = new FileCopier();
        return files.stream().<Callable<Object>>map(f -> () -> copier.copy(source, sink, f.path(), f.size(),
                f.mtime(), TemporaryCheck.NONE, options)).toList();
    }

    private static List<Callable<Object>> rangesOf(RemoteFile file, int parts, SftpPool source, SftpPool sink,
            boolean hash) throws Exception {
        sink.call(dst -> {
            RemoteDirectories.ensure(dst, dst.resolve(RelativePath.parent(file.path())));
            return null;
        });
        long range = Math.ceilDiv(file.size(), parts);
        List<Callable<Object>> copies = new ArrayList<>();
        for (long offset = 0; offset < file.size(); offset += range) {
            long from = offset;
            long length = Math.min(range, file.size() - offset);
            copies.add(() -> copyRange(source, sink, file.path(), from, length, hash));
        }
        return copies;
    }

    private static Object copyRange(SftpPool source, SftpPool sink, String file, long offset, long length,
            boolean hash) throws Exception {
        MessageDigest digest = hash ? Digests.sha256() : null;
        return source.call(src -> sink.call(dst -> {
            String from = src.resolve(file);
            String to = dst.resolve(file);
            try (CloseableHandle in = src.client().open(from, OpenMode.Read);
                 CloseableHandle out = dst.client().open(to, OpenMode.Write, OpenMode.Create);
                 SftpInputStreamAsync raw = new SftpInputStreamAsync((AbstractSftpClient) src.client(),
                         src.readSize(), offset, offset + length, from, in, false);
                 SftpOutputStreamAsync sinkOut = new SftpOutputStreamAsync((AbstractSftpClient) dst.client(),
                         dst.writeSize(), to, out, false)) {
                sinkOut.setOffset(offset);
                sinkOut.transferFrom(new SliceInput(raw, src, from, digest).slice(length, null));
            }
            return null;
        }));
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static SftpEndpoint endpoint(String name, String prefix, String base) {
        return new SftpEndpoint(name, "127.0.0.1", Integer.parseInt(env(prefix + "_PORT")), env(prefix + "_USER"),
                env(prefix + "_PASSWORD"), null, null, base);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: load the env file scripts/sftp-servers.sh writes");
        }
        return value;
    }
}
