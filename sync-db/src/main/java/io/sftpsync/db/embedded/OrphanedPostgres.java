package io.sftpsync.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deals with the PostgreSQL processes that a killed process left on a data directory: waits for an initdb still
 * running, stops a server, and removes a {@code postmaster.pid} whose process id now belongs to another program
 * (PostgreSQL would take it for a running server and refuse to start). Stop servers only while holding the
 * {@link DataDirectoryLock}: without a live owner, any server on the directory is an orphan.
 *
 * <p>Processes are found in {@code /proc}: a postmaster changes its working directory to its data directory and
 * its backends inherit it, so a process whose executable is {@code postgres} and whose working directory is the
 * data directory serves it. Without {@code /proc} (not Linux) there is nothing to find.
 */
final class OrphanedPostgres {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);
    private static final Path PROC = Path.of("/proc");
    /** After SIGKILL the kernel needs a moment to reap the processes. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private OrphanedPostgres() {
    }

    /**
     * Stops every PostgreSQL process serving {@code dataDirectory}: SIGTERM to the postmaster (a smart shutdown,
     * quick since the clients died with their process), then SIGKILL to whatever still runs after
     * {@code gracePeriod}. Then removes a stale {@code postmaster.pid}.
     *
     * @param dataDirectory the data directory, as a real path
     * @param gracePeriod   how long the orphan may take to shut down cleanly
     * @throws IllegalStateException when the processes do not go away even after SIGKILL
     */
    static void stop(Path dataDirectory, Duration gracePeriod) throws IOException {
        List<ProcessHandle> processes = serving(dataDirectory);
        if (!processes.isEmpty()) {
            ProcessHandle postmaster = postmaster(dataDirectory, processes);
            log.warn("found PostgreSQL left running on {} by a process that is gone (postmaster pid {}, {} processes):"
                    + " stopping it", dataDirectory, postmaster.pid(), processes.size());
            postmaster.destroy();
            List<ProcessHandle> left = awaitExit(processes, gracePeriod);
            if (!left.isEmpty()) {
                log.warn("PostgreSQL on {} did not stop within {}: killing pids {}", dataDirectory, gracePeriod,
                        pids(left));
                left.forEach(ProcessHandle::destroyForcibly);
                left = awaitExit(left, KILL_WAIT);
                if (!left.isEmpty()) {
                    throw new IllegalStateException("could not stop the PostgreSQL processes " + pids(left)
                            + " that still serve " + dataDirectory);
                }
            }
            log.info("stopped the orphaned PostgreSQL on {}", dataDirectory);
        }
        removeStalePidFile(dataDirectory);
    }

    /**
     * Waits for an initdb that works on {@code dataDirectory}: one started by a killed process runs on to its end
     * (it ignores the broken pipe to its parent), and the directory must not be touched meanwhile.
     *
     * @throws IllegalStateException when it is still running after {@code timeout}
     */
    static void awaitInitdb(Path dataDirectory, Duration timeout) {
        List<ProcessHandle> initdbs = initdbs(dataDirectory);
        if (!initdbs.isEmpty()) {
            log.info("waiting for the initdb already running on {} (pid {}) to finish", dataDirectory, pids(initdbs));
            List<ProcessHandle> left = awaitExit(initdbs, timeout);
            if (!left.isEmpty()) {
                throw new IllegalStateException("initdb (pid " + pids(left) + ") still runs on " + dataDirectory
                        + " after " + timeout);
            }
        }
    }

    /** The initdb processes whose arguments name {@code dataDirectory}. */
    static List<ProcessHandle> initdbs(Path dataDirectory) {
        String directory = dataDirectory.toString();
        return processes("initdb", p -> arguments(p.pid()).contains(directory));
    }

    /** The processes whose executable is {@code postgres} and whose working directory is {@code dataDirectory}. */
    static List<ProcessHandle> serving(Path dataDirectory) {
        return processes("postgres", p -> link(p.pid(), "cwd").map(dataDirectory::equals).orElse(false));
    }

    private static List<ProcessHandle> processes(String executable, Predicate<ProcessHandle> filter) {
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> link(p.pid(), "exe").map(exe -> isNamed(exe, executable)).orElse(false))
                .filter(filter)
                .toList();
    }

    /** The pid in {@code postmaster.pid}, when the file is there and readable. */
    static OptionalLong pidFileOwner(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static ProcessHandle postmaster(Path dataDirectory, List<ProcessHandle> processes) {
        OptionalLong owner = pidFileOwner(dataDirectory);
        Set<Long> pids = processes.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        return processes.stream()
                .filter(p -> owner.isPresent() ? p.pid() == owner.getAsLong()
                        : p.parent().map(parent -> !pids.contains(parent.pid())).orElse(true))
                .findFirst()
                .orElse(processes.getFirst());
    }

    /** PostgreSQL starts despite a postmaster.pid of a dead process, not one whose pid was reused. */
    private static void removeStalePidFile(Path dataDirectory) throws IOException {
        OptionalLong owner = pidFileOwner(dataDirectory);
        if (owner.isPresent() && ProcessHandle.of(owner.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
            log.warn("removing the stale {}: its pid {} is now another program",
                    dataDirectory.resolve("postmaster.pid"), owner.getAsLong());
            Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
        }
    }

    private static List<ProcessHandle> awaitExit(List<ProcessHandle> processes, Duration timeout) {
        try {
            CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the caller escalates
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL", e);
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }

    private static boolean isNamed(Path executable, String name) {
        // A binary deleted since (a cleaned temporary directory) reads "/path/postgres (deleted)".
        return executable.getFileName().toString().replace(" (deleted)", "").equals(name);
    }

    private static List<String> arguments(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    private static Optional<Path> link(long pid, String name) {
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve(name)));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty(); // gone meanwhile, or another user's
        }
    }

    private static String pids(List<ProcessHandle> processes) {
        return processes.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "));
    }
}
