package io.sftpsync.core.server;

import io.sftpsync.core.paths.TempNames;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * Refuses what a test asks it to: listing directories with given names, as a server does for a directory without
 * read permission, and renaming a copy's temporary onto given names, as a full or failing disk can. Counts the
 * fsync requests it serves.
 */
final class DenyingAccessor implements SftpFileSystemAccessor {

    private final Set<String> names;
    private final Set<String> renameTargets;
    private final AtomicInteger fsyncs;

    DenyingAccessor(Set<String> names, Set<String> renameTargets, AtomicInteger fsyncs) {
        this.names = Set.copyOf(names);
        this.renameTargets = Set.copyOf(renameTargets);
        this.fsyncs = fsyncs;
    }

    @Override
    public void syncFileData(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
            Channel channel) throws IOException {
        SftpFileSystemAccessor.super.syncFileData(subsystem, fileHandle, file, handle, channel);
        fsyncs.incrementAndGet();
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        Path from = oldPath.getFileName();
        Path to = newPath.getFileName();
        if (from != null && to != null && renameTargets.contains(to.toString())
                && TempNames.isTemporary(from.toString())) {
            throw new IOException("refused by the test server: renaming " + from + " onto " + to);
        }
        SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
    }

    @Override
    public DirectoryStream<Path> openDirectory(SftpSubsystemProxy subsystem, DirectoryHandle dirHandle, Path dir,
            String handle, LinkOption... options) throws IOException {
        Path name = dir.getFileName();
        if (name != null && names.contains(name.toString())) {
            throw new AccessDeniedException(dir.toString(), null, "Permission denied");
        }
        return SftpFileSystemAccessor.super.openDirectory(subsystem, dirHandle, dir, handle, options);
    }
}
