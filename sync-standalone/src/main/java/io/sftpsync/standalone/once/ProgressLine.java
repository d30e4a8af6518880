package io.sftpsync.standalone.once;

import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.TransferProgress;
import io.sftpsync.core.events.TransferResult;
import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The once mode's live progress while it waits for results: files and bytes done of those queued, MB/s and
 * ETA, as rclone's {@code --progress} shows them. On a terminal one line redrawn in place every second;
 * otherwise (cron, a pipe) a plain line when the wait starts and every {@code interval}, none when it is zero.
 */
final class ProgressLine {

    private static final Duration TERMINAL_REFRESH = Duration.ofSeconds(1);

    private final PrintStream out;
    private final boolean terminal;
    private final Duration interval;
    private final long filesQueued;
    private final long bytesQueued;
    /** Whether a file event is one of this run's, so that its chunk progress counts. */
    private final Predicate<UUID> queued;
    private final Instant start;
    private final Map<UUID, Long> inFlight = new HashMap<>();
    /**
     * Large files whose result arrived: their chunk progress, read from another topic, may arrive after it and
     * must not count again. A few ids (files of 1 GiB and more), not one per file.
     */
    private final SeenIds ended = new SeenIds();
    private long filesDone;
    private long bytesDone;
    private long bytesFound;
    private Instant lastPrinted;
    private boolean drawn;

    /**
     * @param queued says whether a file event is one this scan queued, whose chunk progress counts (large files
     *               of this scan); the chunk progress of files still in flight is all it keeps per file
     */
    ProgressLine(PrintStream out, boolean terminal, Duration interval, long filesQueued, long bytesQueued,
            Predicate<UUID> queued, Instant start) {
        this.out = out;
        this.terminal = terminal;
        this.interval = terminal ? TERMINAL_REFRESH : interval;
        this.filesQueued = filesQueued;
        this.bytesQueued = bytesQueued;
        this.queued = queued;
        this.start = start;
        // The first tick prints at once: what was queued is worth seeing before the first interval passed.
        this.lastPrinted = start.minus(this.interval);
    }

    /** Whether standard output is a terminal (JDK 22+ says so itself; on 21 a console exists only for one). */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** A file of this scan finished: its bytes (sent, or found at the sink by a resume) are done. */
    void result(TransferResult r) {
        filesDone++;
        ended(r);
        bytesDone += r.bytes() + r.resumedFrom();
        bytesFound += r.resumedFrom();
    }

    /** A file of an earlier run finished: its chunk progress, if any was counted, no longer is. */
    void forget(TransferResult r) {
        ended(r);
    }

    private void ended(TransferResult r) {
        if (inFlight.remove(r.causationId()) != null || r.sizeClass() == SizeClass.LARGE) {
            ended.add(r.causationId());
        }
    }

    /** A chunk of a large file of this scan is at the sink. */
    void chunk(TransferProgress p) {
        if (p.causationId() != null && queued.test(p.causationId()) && !ended.contains(p.causationId())) {
            inFlight.merge(p.causationId(), p.bytesDone(), Math::max);
        }
    }

    /** Prints the line when it is due. */
    void tick(Instant now) {
        if (interval.isZero() || Duration.between(lastPrinted, now).compareTo(interval) < 0) {
            return;
        }
        lastPrinted = now;
        String line = render(now);
        if (terminal) {
            // \r back to the start, the line, ESC[K clears what a longer previous line left.
            out.print("\r" + line + "\u001b[K");
            drawn = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Clears the line from a terminal, before the summary takes its place. */
    void end() {
        if (drawn) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }

    String render(Instant now) {
        long bytes = bytesDone + inFlight.values().stream().mapToLong(Long::longValue).sum();
        double seconds = Math.max(Duration.between(start, now).toMillis() / 1000.0, 0.001);
        // The rate of what this process sent: a resumed copy's prefix was already at the sink.
        double rate = Math.max(bytes - bytesFound, 0) / seconds;
        String eta = rate <= 0 || bytes >= bytesQueued ? "-" : clock((long) ((bytesQueued - bytes) / rate));
        return String.format(Locale.ROOT, "progress: %d/%d files, %s/%s, %.1f MB/s, ETA %s, elapsed %s", filesDone,
                filesQueued, size(bytes), size(bytesQueued), rate / 1e6, eta, clock((long) seconds));
    }

    private static String size(long bytes) {
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return bytes < 1_000_000_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
