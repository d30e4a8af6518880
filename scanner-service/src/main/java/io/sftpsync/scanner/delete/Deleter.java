package io.sftpsync.scanner.delete;

import io.sftpsync.boot.config.DeletionProperties;
import io.sftpsync.boot.kafka.EventPublisher;
import io.sftpsync.core.copy.RemoteDirectories;
import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.events.FileDeleted;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import io.sftpsync.core.topics.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link DeletionPlan}: for each file, checks again that the source still lacks it and that the sink
 * still holds the version the scan listed (a regular file of the same size and mtime), then deletes it or moves it
 * into {@code sync.delete.backup-dir}, and publishes a {@link FileDeleted}. Whatever fails leaves the file where it
 * was.
 */
public final class Deleter {

    private static final Logger log = LoggerFactory.getLogger(Deleter.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("'.'yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Counts what was removed, by how: "deleted" or "moved". */
    @FunctionalInterface
    public interface Counter {
        void removed(String how);
    }

    private final Supplier<SftpPool> source;
    private final Supplier<SftpPool> sink;
    private final EventPublisher publisher;
    private final DeletionProperties settings;
    private final Counter counter;
    private final Clock clock;

    public Deleter(Supplier<SftpPool> source, Supplier<SftpPool> sink, EventPublisher publisher,
            DeletionProperties settings, Counter counter, Clock clock) {
        this.source = source;
        this.sink = sink;
        this.publisher = publisher;
        this.settings = settings;
        this.counter = counter;
        this.clock = clock;
    }

    /** Removes the plan's files; a plan that is not {@link DeletionPlan#ready() ready} does nothing. */
    public DeletionOutcome execute(DeletionPlan plan) {
        if (!plan.ready()) {
            return DeletionOutcome.NONE;
        }
        String refused = backupDirProblem();
        if (refused != null) {
            log.error("scan {}: {} sink files the source lacks were left: {}", plan.scanId(), plan.files().size(),
                    refused);
            return new DeletionOutcome(0, 0, 0, List.of(refused));
        }
        long deleted = 0;
        long moved = 0;
        long skipped = 0;
        List<String> failed = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (RemoteFile file : plan.files()) {
            String printable = RelativePath.printable(file.path());
            try {
                String why = stillToGo(file);
                if (why != null) {
                    skipped++;
                    log.info("scan {}: {} not deleted: {}", plan.scanId(), printable, why);
                    continue;
                }
                Instant at = clock.instant();
                String movedTo = settings.backupDir() == null ? null : settings.backupDir() + "/" + file.path()
                        + SUFFIX.format(at);
                sink.get().call(s -> {
                    remove(s, file, movedTo);
                    return null;
                });
                if (movedTo == null) {
                    deleted++;
                    counter.removed("deleted");
                    log.info("scan {}: deleted {} ({} bytes): the source no longer has it", plan.scanId(), printable,
                            file.size());
                } else {
                    moved++;
                    counter.removed("moved");
                    log.info("scan {}: moved {} ({} bytes) to {}: the source no longer has it", plan.scanId(),
                            printable, file.size(), RelativePath.printable(movedTo));
                }
                sends.add(publisher.publish(Topics.DELETIONS, file.path(), FileDeleted.of(plan.scanId(), file.path(),
                        file.size(), file.mtime(), movedTo, at)));
            } catch (IOException | RuntimeException e) {
                String reason = printable + ": " + TransferErrors.describe(e);
                failed.add(reason);
                log.warn("scan {}: could not delete {}", plan.scanId(), reason);
            }
        }
        for (CompletableFuture<?> send : sends) {
            try {
                send.join();
            } catch (RuntimeException e) {
                log.error("scan {}: a FileDeleted could not be published to {}: {}", plan.scanId(), Topics.DELETIONS,
                        e.toString());
            }
        }
        return new DeletionOutcome(deleted, moved, skipped, failed);
    }

    /** Why the file must stay after all, or null when it may go. */
    private String stillToGo(RemoteFile file) throws IOException {
        SftpClient.Attributes atSource = source.get().call(s -> lstatOrNull(s, s.resolve(file.path())));
        if (atSource != null) {
            return "the source has it again";
        }
        SftpClient.Attributes atSink = sink.get().call(s -> lstatOrNull(s, s.resolve(file.path())));
        if (atSink == null) {
            return "it is gone from the sink already";
        }
        if (!atSink.isRegularFile() || atSink.getSize() != file.size()
                || atSink.getModifyTime().toInstant().getEpochSecond() != file.mtime().getEpochSecond()) {
            return "it changed at the sink since the scan";
        }
        return null;
    }

    private static void remove(SftpSession s, RemoteFile file, String movedTo) throws IOException {
        String at = s.resolve(file.path());
        try {
            if (movedTo == null) {
                s.client().remove(at);
            } else {
                int slash = movedTo.lastIndexOf('/');
                RemoteDirectories.ensure(s, slash == 0 ? "/" : movedTo.substring(0, slash));
                s.client().rename(at, movedTo);
            }
        } catch (IOException e) {
            throw s.failure(movedTo == null ? "deleting" : "moving to " + movedTo, at, e);
        }
    }

    private static SftpClient.Attributes lstatOrNull(SftpSession s, String path) throws IOException {
        try {
            return s.client().lstat(path);
        } catch (SftpException e) {
            if (SftpStatus.isMissing(e)) {
                return null;
            }
            throw s.failure("checking", path, e);
        }
    }

    /** Why nothing may be moved into the backup directory: it is the sink's base path or inside it. */
    private String backupDirProblem() {
        String dir = settings.backupDir();
        if (dir == null) {
            return null;
        }
        try {
            return sink.get().call(s -> {
                String real = dir;
                try {
                    real = s.client().canonicalPath(dir);
                } catch (SftpException e) {
                    if (!SftpStatus.isMissing(e)) {
                        throw s.failure("resolving", dir, e);
                    }
                }
                return DeletionProperties.inside(real, s.basePath()) || DeletionProperties.inside(dir, s.basePath())
                        ? "sync.delete.backup-dir " + dir + " is inside the sink's base path " + s.basePath()
                        : null;
            });
        } catch (IOException e) {
            return "sync.delete.backup-dir " + dir + " could not be checked: " + TransferErrors.describe(e);
        }
    }
}
