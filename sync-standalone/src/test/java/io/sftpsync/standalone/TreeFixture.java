package io.sftpsync.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds source trees of random files with awkward names and timestamps, and reads trees back as digests. */
final class TreeFixture {

    static final Instant YESTERDAY = Instant.now().minusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private TreeFixture() {
    }

    /** Writes a file of random bytes with the given mtime. */
    static void write(Path root, String relative, int size, Instant mtime, SplittableRandom random) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    /** Relative path -> "sha256 mtime-seconds" of every regular file below root, temporaries included. */
    static Map<String, String> snapshot(Path root) throws IOException {
        return snapshot(root, f -> true);
    }

    /**
     * The same of the files that are not temporaries, which it does not read: a read would refresh a temporary's
     * atime, by which the scanner judges it stale.
     */
    static Map<String, String> snapshotWithoutTemporaries(Path root) throws IOException {
        return snapshot(root, f -> !io.sftpsync.core.paths.TempNames.isTemporary(f.getFileName().toString()));
    }

    private static Map<String, String> snapshot(Path root, java.util.function.Predicate<Path> include)
            throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).filter(include)::iterator) {
                out.put(root.relativize(f).toString(),
                        sha256(f) + " " + Files.getLastModifiedTime(f).toInstant().getEpochSecond());
            }
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
