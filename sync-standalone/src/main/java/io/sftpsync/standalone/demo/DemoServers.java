package io.sftpsync.standalone.demo;

import io.sftpsync.core.server.InProcessSftpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The demo: two embedded SFTP servers, the source seeded with sample files of every size class (under
 * scaled-down thresholds), so a new user sees a sync happen with nothing installed.
 */
public final class DemoServers implements AutoCloseable {

    /** Demo thresholds: small < 1 MiB, medium < 8 MiB, large up to 24 MiB, oversized above. */
    public static final Map<String, String> THRESHOLDS = Map.of(
            "sync.thresholds.small", "1MB", "sync.thresholds.large", "8MB", "sync.thresholds.max", "24MB");

    private final InProcessSftpServer source;
    private final InProcessSftpServer sink;
    private final Path knownHosts;
    private final String sourcePassword;
    private final String sinkPassword;

    private DemoServers(InProcessSftpServer source, InProcessSftpServer sink, Path knownHosts, String sourcePassword,
            String sinkPassword) {
        this.source = source;
        this.sink = sink;
        this.knownHosts = knownHosts;
        this.sourcePassword = sourcePassword;
        this.sinkPassword = sinkPassword;
    }

    /** Seeds the source (first time only) and starts both servers on free ports. */
    public static DemoServers start(Path dir) throws IOException {
        Path sourceRoot = dir.resolve("source");
        if (!Files.isDirectory(sourceRoot) || isEmpty(sourceRoot)) {
            seed(sourceRoot);
        }
        String sourcePassword = randomSecret();
        String sinkPassword = randomSecret();
        InProcessSftpServer source = InProcessSftpServer.builder(sourceRoot).user("demo", sourcePassword)
                .hostKeyFile(dir.resolve("keys/source-host-key")).start();
        InProcessSftpServer sink = InProcessSftpServer.builder(dir.resolve("sink")).user("demo", sinkPassword)
                .hostKeyFile(dir.resolve("keys/sink-host-key")).start();
        Path knownHosts = dir.resolve("known_hosts");
        Files.deleteIfExists(knownHosts);
        source.writeKnownHosts(knownHosts);
        sink.writeKnownHosts(knownHosts);
        return new DemoServers(source, sink, knownHosts, sourcePassword, sinkPassword);
    }

    /** The connection settings pointing at the two servers. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        put(p, "source", source, sourcePassword);
        put(p, "sink", sink, sinkPassword);
        p.put("sync.known-hosts", knownHosts.toAbsolutePath().toString());
        p.put("sync.host-key-policy", "strict");
        return p;
    }

    public Path sourceRoot() {
        return source.root();
    }

    public Path sinkRoot() {
        return sink.root();
    }

    @Override
    public void close() throws IOException {
        source.close();
        sink.close();
    }

    private static void put(Map<String, Object> p, String side, InProcessSftpServer server, String password) {
        p.put("sync." + side + ".host", "127.0.0.1");
        p.put("sync." + side + ".port", server.port());
        p.put("sync." + side + ".username", server.username());
        p.put("sync." + side + ".password", password);
        p.put("sync." + side + ".base-path", "/");
    }

    /**
     * Sample files: many small ones with awkward names, a few medium, one large. No oversized one: until the approval
     * service can decide it, it would leave every demo run incomplete (exit 4).
     */
    static void seed(Path root) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        for (int i = 1; i <= 60; i++) {
            write(root.resolve(String.format("reports/2026/daily-%03d.csv", i)), 1024 + random.nextInt(63 * 1024),
                    random, yesterday);
        }
        for (int i = 1; i <= 20; i++) {
            write(root.resolve(String.format("images/photo %02d.jpg", i)), 10_000 + random.nextInt(200_000), random,
                    yesterday);
        }
        write(root.resolve("unicode/café – résumé.txt"), 2048, random, yesterday);
        write(root.resolve("odd/it's \"quoted\" & spaced.txt"), 512, random, yesterday);
        write(root.resolve("odd/old-archive.log"), 4096, random, Instant.parse("2019-03-01T00:00:00Z"));
        write(root.resolve("medium/archive-1.bin"), 3 << 20, random, yesterday);
        write(root.resolve("medium/archive-2.bin"), 5 << 20, random, yesterday);
        write(root.resolve("large/dataset.bin"), 12 << 20, random, yesterday);
    }

    private static void write(Path file, int size, SplittableRandom random, Instant mtime) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, Math.min(left, block.length));
            }
        }
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static String randomSecret() {
        byte[] b = new byte[16];
        new java.security.SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
