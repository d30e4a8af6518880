package io.sftpsync.core.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/** Refuses to list directories with given names, as a server does for a directory without read permission. */
final class DenyingAccessor implements SftpFileSystemAccessor {

    private final Set<String> names;

    DenyingAccessor(Set<String> names) {
        this.names = Set.copyOf(names);
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
