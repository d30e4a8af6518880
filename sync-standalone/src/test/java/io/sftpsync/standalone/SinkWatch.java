package io.sftpsync.standalone;

import io.sftpsync.core.paths.TempNames;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the sink's files under their real names (not copies' temporaries) while a sync runs, every 50 ms: the
 * file (inode) each name held when first seen, and every name that later held another one. A copy writes a
 * temporary and renames it onto the name, so a name that changed file was written a second time.
 */
final class SinkWatch implements AutoCloseable {

    private final Path root;
    private final Map<String, Object> first = new ConcurrentHashMap<>();
    private final Set<String> rewritten = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    private SinkWatch(Path root) {
        this.root = root;
        this.thread = new Thread(this::run, "sink-watch");
        this.thread.setDaemon(true);
    }

    static SinkWatch start(Path root) {
        SinkWatch watch = new SinkWatch(root);
        watch.thread.start();
        return watch;
    }

    private void run() {
        while (running) {
            look();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One pass over the tree; files renamed or removed meanwhile are skipped. */
    void look() {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !TempNames.isTemporary(file.getFileName().toString())) {
                        String name = root.relativize(file).toString();
                        Object before = first.putIfAbsent(name, attrs.fileKey());
                        if (before != null && !before.equals(attrs.fileKey())) {
                            rewritten.add(name);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the root itself is not there yet
        }
    }

    /** Names seen so far. */
    Set<String> seen() {
        return Set.copyOf(first.keySet());
    }

    /** Names that held one file and later another. */
    Set<String> rewritten() {
        return Set.copyOf(rewritten);
    }

    /** Stops watching after one last look. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        look();
    }
}
