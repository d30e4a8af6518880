package io.sftpsync.db.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Takes, for a moment, the lock that a running {@code EmbeddedPostgres} (zonky) holds on {@code epg-lock} in its
 * data directory. The operating system drops that lock when its process dies, even by {@code kill -9}: getting it
 * proves that no live process owns the directory, so whatever PostgreSQL still runs on it is an orphan.
 */
final class DataDirectoryLock implements AutoCloseable {

    /** The lock file zonky's EmbeddedPostgres creates and locks in the data directory while it runs. */
    static final String FILE_NAME = "epg-lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the data directory.
     *
     * @param dataDirectory an existing PostgreSQL data directory (or one still to be initialised)
     * @return the held lock, to be closed before zonky takes it
     * @throws IllegalStateException when another live process holds the lock
     * @throws IOException           when the lock file cannot be opened
     */
    static DataDirectoryLock acquire(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("the embedded PostgreSQL data directory " + dataDirectory
                    + " is in use by another running process (it holds " + file + "): stop that process, or give this"
                    + " one another --sync.data-dir, or use an external database with --spring.datasource.url");
        }
        return new DataDirectoryLock(channel, lock);
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
