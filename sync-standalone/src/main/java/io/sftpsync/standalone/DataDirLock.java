package io.sftpsync.standalone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process per data directory: the embedded broker, the embedded PostgreSQL and the logs of two processes
 * must not share one. An OS lock on {@code <data-dir>/sftp-sync.lock}, which holds the owner's pid; the OS
 * drops it when the process ends, even by {@code kill -9}, so a stale file never blocks a start.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE_NAME = "sftp-sync.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} (created when missing) for this process.
     *
     * @throws StartRefused when another live process holds it, naming the directory and that process's pid
     * @throws IOException  when the lock file cannot be created or opened
     */
    static DataDirLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String owner = readOwner(channel);
                throw new StartRefused("The data directory " + dataDir.toAbsolutePath().normalize()
                        + " is in use by another sftp-sync process (pid " + owner + ", holding " + file + ").",
                        "Wait for that process to end or stop it, or give this one another --sync.data-dir.");
            }
            // The owner's pid, for the message a second process prints.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return pid.isEmpty() ? "unknown" : pid;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
