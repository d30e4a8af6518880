package io.sftpsync.core.server;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatExtensionInfo;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.extensions.openssh.AbstractOpenSSHExtensionParser.OpenSSHExtension;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemConfigurator;

/**
 * MINA's SFTP subsystem plus {@code statvfs@openssh.com}, which OpenSSH's sftp-server offers and MINA does not: the
 * scanner asks it for the sink's free space. Answers with the served directory's file store in 4 KiB blocks, or
 * with a fixed free space when a test sets one.
 */
final class StatvfsSftpSubsystem extends SftpSubsystem {

    static final String EXTENSION = "statvfs@openssh.com";
    private static final long BLOCK = 4096;

    /** Free bytes to report, or null for the file store's. */
    private final Long freeSpace;

    StatvfsSftpSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator, Long freeSpace) {
        super(channel, configurator);
        this.freeSpace = freeSpace;
    }

    @Override
    protected List<OpenSSHExtension> resolveOpenSSHExtensions(ServerSession session) {
        List<OpenSSHExtension> extensions = new ArrayList<>(super.resolveOpenSSHExtensions(session));
        extensions.add(new OpenSSHExtension(EXTENSION, "2"));
        return extensions;
    }

    @Override
    protected void executeExtendedCommand(Buffer buffer, int id, String extension) throws IOException {
        if (!EXTENSION.equals(extension)) {
            super.executeExtendedCommand(buffer, id, extension);
            return;
        }
        String path = buffer.getString();
        OpenSSHStatExtensionInfo info;
        try {
            info = statvfs(path);
        } catch (IOException | RuntimeException e) {
            sendStatus(prepareReply(buffer), id, e, SftpConstants.SSH_FXP_EXTENDED, extension, path);
            return;
        }
        Buffer reply = prepareReply(buffer);
        reply.putByte((byte) SftpConstants.SSH_FXP_EXTENDED_REPLY);
        reply.putInt(id);
        OpenSSHStatExtensionInfo.encode(reply, info);
        send(reply);
    }

    private OpenSSHStatExtensionInfo statvfs(String path) throws IOException {
        FileStore store = Files.getFileStore(resolveFile(path.isEmpty() ? "." : path));
        OpenSSHStatExtensionInfo info = new OpenSSHStatExtensionInfo();
        info.f_bsize = BLOCK;
        info.f_frsize = BLOCK;
        info.f_blocks = store.getTotalSpace() / BLOCK;
        info.f_bfree = (freeSpace != null ? freeSpace : store.getUnallocatedSpace()) / BLOCK;
        info.f_bavail = (freeSpace != null ? freeSpace : store.getUsableSpace()) / BLOCK;
        info.f_namemax = 255;
        return info;
    }
}
