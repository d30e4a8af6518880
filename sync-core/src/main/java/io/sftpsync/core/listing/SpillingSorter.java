package io.sftpsync.core.listing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts more items than memory should hold, as an external merge sort: up to {@code memoryEntries} items are
 * sorted in memory, each further batch is written as a sorted run to an owner-only file, and the runs are
 * merged when read. Equal items keep the order they were added in.
 *
 * @param <T> the items
 */
final class SpillingSorter<T> implements AutoCloseable {

    /** Runs merged at once; more are first merged into one, so the read buffers stay a few MB. */
    static final int FAN_IN = 64;

    /** File name prefix of the runs, so an operator can tell them apart. */
    static final String PREFIX = "sftp-sync-listing-";

    private static final int BUFFER = 16 * 1024;

    /** How one item is written to and read back from a run. */
    interface Codec<T> {
        void write(DataOutputStream out, T item) throws IOException;

        T read(DataInputStream in) throws IOException;
    }

    private record Run(Path file, long count) {
    }

    private final Comparator<? super T> order;
    private final Codec<T> codec;
    private final int memoryEntries;
    private final Path directory;
    private List<T> buffer = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();

    SpillingSorter(Comparator<? super T> order, Codec<T> codec, int memoryEntries, Path directory) {
        this.order = order;
        this.codec = codec;
        this.memoryEntries = memoryEntries;
        this.directory = directory;
    }

    /** Adds an item; writes a run first when memory holds {@code memoryEntries} already. */
    void add(T item) throws IOException {
        if (buffer.size() >= memoryEntries) {
            spill();
        }
        buffer.add(item);
    }

    /** Whether some items went to disk. */
    boolean spilled() {
        return !runs.isEmpty();
    }

    /**
     * Ends the input. The result owns the runs: it removes each when read to its end, and all when closed. This
     * sorter must not be used afterwards.
     */
    SortedEntries<T> sorted() throws IOException {
        if (runs.isEmpty()) {
            List<T> items = buffer;
            buffer = new ArrayList<>();
            items.sort(order);
            return new InMemory<>(items);
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        List<Run> all = List.copyOf(runs);
        runs.clear();
        return new Merge<>(all, order, codec);
    }

    /** Removes the runs written so far, for a sort given up before {@link #sorted}. */
    @Override
    public void close() {
        runs.forEach(r -> delete(r.file()));
        runs.clear();
        buffer.clear();
    }

    private void spill() throws IOException {
        buffer.sort(order);
        runs.add(write(buffer.iterator(), buffer.size()));
        buffer.clear();
        if (runs.size() >= FAN_IN) {
            long total = runs.stream().mapToLong(Run::count).sum();
            try (Merge<T> merge = new Merge<>(List.copyOf(runs), order, codec)) {
                runs.clear();
                runs.add(write(merge, total));
            }
        }
    }

    private Run write(Iterator<T> items, long count) throws IOException {
        createDirectory(directory);
        // createTempFile makes the file owner-only (0600) on POSIX file systems.
        Path file = Files.createTempFile(directory, PREFIX, ".run");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                BUFFER))) {
            for (long i = 0; i < count; i++) {
                codec.write(out, items.next());
            }
        } catch (IOException | RuntimeException e) {
            delete(file);
            throw e;
        }
        return new Run(file, count);
    }

    private static void createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory.getParent() == null ? directory : directory.getParent());
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            // another walk made it meanwhile
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind; the operations guide says such files may be removed when no scan runs.
        }
    }

    /** The items of a sort that never spilled; each is dropped as it is handed out. */
    private static final class InMemory<T> implements SortedEntries<T> {
        private final List<T> items;
        private int index;

        InMemory(List<T> items) {
            this.items = items;
        }

        @Override
        public boolean hasNext() {
            return index < items.size();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T item = items.get(index);
            items.set(index++, null);
            return item;
        }

        @Override
        public void close() {
            items.clear();
            index = 0;
        }
    }

    /** A k-way merge of sorted runs; ties go to the earlier run, which holds the earlier items. */
    private static final class Merge<T> implements SortedEntries<T> {

        private final class Head {
            final Run run;
            final int index;
            final DataInputStream in;
            long left;
            T item;

            Head(Run run, int index) throws IOException {
                this.run = run;
                this.index = index;
                this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run.file()), BUFFER));
                this.left = run.count();
            }

            /** Reads the next item, or closes and removes the run at its end. */
            boolean advance() throws IOException {
                if (left == 0) {
                    finish();
                    return false;
                }
                left--;
                item = codec.read(in);
                return true;
            }

            void finish() {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read to its end already
                }
                delete(run.file());
            }
        }

        private final Codec<T> codec;
        private final List<Head> open = new ArrayList<>();
        private final PriorityQueue<Head> heads;

        Merge(List<Run> runs, Comparator<? super T> order, Codec<T> codec) throws IOException {
            this.codec = codec;
            Comparator<Head> byItem = (a, b) -> order.compare(a.item, b.item);
            this.heads = new PriorityQueue<>(Math.max(1, runs.size()), byItem.thenComparingInt(h -> h.index));
            try {
                for (int i = 0; i < runs.size(); i++) {
                    Head head = new Head(runs.get(i), i);
                    open.add(head);
                    if (head.advance()) {
                        heads.add(head);
                    }
                }
            } catch (IOException | RuntimeException e) {
                runs.forEach(r -> delete(r.file()));
                close();
                throw e;
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        /** @throws UncheckedIOException when a run cannot be read back */
        @Override
        public T next() {
            Head head = heads.poll();
            if (head == null) {
                throw new NoSuchElementException();
            }
            T item = head.item;
            try {
                if (head.advance()) {
                    heads.add(head);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back " + head.run.file(), e);
            }
            return item;
        }

        @Override
        public void close() {
            heads.clear();
            open.forEach(Head::finish);
            open.clear();
        }
    }
}
