package io.sftpsync.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Local files in the servers' roots: random content, hashes, times. */
public final class TestFiles {

    private TestFiles() {
    }

    /** Writes a file of random bytes with the given mtime (whole seconds) and returns its path. */
    public static Path random(Path file, long size, long seed, Instant mtime) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                random.nextBytes(chunk);
                int n = (int) Math.min(left, chunk.length);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        return file;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** Hashes a stream to its end; the caller closes it. */
    public static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of one byte range of a file. */
    public static String sha256(Path file, long offset, long length) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + " ends before " + (offset + length));
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Instant mtime(Path file) throws IOException {
        return Instant.ofEpochSecond(Files.getLastModifiedTime(file).toInstant().getEpochSecond());
    }

    /** Something done to a server while a copy runs, e.g. stopping it. */
    @FunctionalInterface
    public interface Interruption {
        void run() throws IOException;
    }

    /**
     * Waits until a temporary file whose name contains a text has more than some bytes, then interrupts.
     *
     * @return whether that happened within 20 seconds
     */
    public static boolean interruptOnceWriting(Path root, String nameContains, long moreThan, Interruption interruption) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                for (Path temp : temporaries(root)) {
                    if (temp.getFileName().toString().contains(nameContains) && Files.isRegularFile(temp)
                            && Files.size(temp) > moreThan) {
                        interruption.run();
                        return true;
                    }
                }
            } catch (IOException e) {
                // A directory or file changed under the scan: look again.
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Every file below a directory whose name is a temporary of a copy. */
    public static List<Path> temporaries(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().contains(".sftp-sync-")).toList();
        }
    }
}
