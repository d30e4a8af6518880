package io.sftpsync.core.copy;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.Handle;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.impl.DefaultCloseableHandle;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * SFTP v3 requests sent without waiting for each reply, so several can be in flight on one channel: MINA's
 * SftpClient waits for every reply, which for a small file costs more than the bytes. Each method sends one
 * request and returns its id; {@link #expectOk} and {@link #expectAttributes} collect the replies.
 */
final class RawRequests {

    private final SftpClient client;
    private final RawSftpClient raw;

    RawRequests(SftpClient client) {
        this.client = client;
        this.raw = (RawSftpClient) client;
    }

    /**
     * Opens a file for writing, created with a mode of its own: MINA's open sends no attributes, so the server
     * creates the file with its default mode (0666 less its umask) before any later request could narrow it.
     *
     * @param mode permission bits for a file it creates, or {@link Permissions#UNKNOWN} for the server's default
     */
    int openForWriting(String path, int mode) throws IOException {
        Buffer b = new ByteArrayBuffer(path.length() * 4 + 32, false);
        b.putString(path, client.getNameDecodingCharset());
        b.putUInt(SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_CREAT | SftpConstants.SSH_FXF_TRUNC);
        if (mode == Permissions.UNKNOWN) {
            b.putUInt(0);
        } else {
            b.putUInt(SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS);
            b.putUInt(mode);
        }
        return raw.send(SftpConstants.SSH_FXP_OPEN, b);
    }

    int write(Handle handle, byte[] data, int length) throws IOException {
        Buffer b = new ByteArrayBuffer(length + handle.getIdentifier().length + 32, false);
        b.putBytes(handle.getIdentifier());
        b.putLong(0);
        b.putBytes(data, 0, length);
        return raw.send(SftpConstants.SSH_FXP_WRITE, b);
    }

    /**
     * Sets atime and mtime together (SFTP v3 carries them as one pair), and the permission bits with them: the mtime
     * as given, the atime now, so that a temporary whose copy stopped after this still says when it was written
     * (the scanner removes old ones by the later of the two).
     *
     * @param mode permission bits, or {@link Permissions#UNKNOWN} to leave them
     */
    int setTimes(Handle handle, long epochSeconds, int mode) throws IOException {
        Buffer b = new ByteArrayBuffer(handle.getIdentifier().length + 32, false);
        b.putBytes(handle.getIdentifier());
        boolean withMode = mode != Permissions.UNKNOWN;
        b.putUInt(SftpConstants.SSH_FILEXFER_ATTR_ACMODTIME | (withMode ? SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS : 0));
        if (withMode) {
            b.putUInt(mode);
        }
        b.putUInt(java.time.Instant.now().getEpochSecond());
        b.putUInt(epochSeconds);
        return raw.send(SftpConstants.SSH_FXP_FSETSTAT, b);
    }

    /** fsync@openssh.com: the server fsyncs the file behind the handle before it answers. */
    int fsync(Handle handle) throws IOException {
        Buffer b = new ByteArrayBuffer(handle.getIdentifier().length + 64, false);
        b.putString(SinkFsync.EXTENSION);
        b.putBytes(handle.getIdentifier());
        return raw.send(SftpConstants.SSH_FXP_EXTENDED, b);
    }

    int fstat(Handle handle) throws IOException {
        Buffer b = new ByteArrayBuffer(handle.getIdentifier().length + 16, false);
        b.putBytes(handle.getIdentifier());
        return raw.send(SftpConstants.SSH_FXP_FSTAT, b);
    }

    int close(Handle handle) throws IOException {
        Buffer b = new ByteArrayBuffer(handle.getIdentifier().length + 16, false);
        b.putBytes(handle.getIdentifier());
        return raw.send(SftpConstants.SSH_FXP_CLOSE, b);
    }

    /**
     * Waits for a status reply.
     *
     * @throws SftpException when the server answered with an error status
     */
    void expectOk(int id) throws IOException {
        Buffer reply = raw.receive(id);
        int type = header(reply);
        if (type != SftpConstants.SSH_FXP_STATUS) {
            throw new IOException("unexpected SFTP reply " + SftpConstants.getCommandMessageName(type));
        }
        throwIfError(reply);
    }

    /**
     * Waits for the handle of an open file.
     *
     * @param path the file, for the handle's messages
     * @throws SftpException when the server answered with an error status
     */
    CloseableHandle expectHandle(int id, String path) throws IOException {
        Buffer reply = raw.receive(id);
        int type = header(reply);
        if (type == SftpConstants.SSH_FXP_STATUS) {
            throwIfError(reply);
            throw new IOException("SFTP status OK where a handle was expected");
        }
        if (type != SftpConstants.SSH_FXP_HANDLE) {
            throw new IOException("unexpected SFTP reply " + SftpConstants.getCommandMessageName(type));
        }
        return new DefaultCloseableHandle(client, path, reply.getBytes());
    }

    /**
     * Waits for an attributes reply and keeps the size, the permission bits and the mtime.
     *
     * @throws SftpException when the server answered with an error status
     */
    Attributes expectAttributes(int id) throws IOException {
        Buffer reply = raw.receive(id);
        int type = header(reply);
        if (type == SftpConstants.SSH_FXP_STATUS) {
            throwIfError(reply);
            throw new IOException("SFTP status OK where attributes were expected");
        }
        if (type != SftpConstants.SSH_FXP_ATTRS) {
            throw new IOException("unexpected SFTP reply " + SftpConstants.getCommandMessageName(type));
        }
        int flags = reply.getInt();
        Attributes attributes = new Attributes();
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_SIZE) != 0) {
            attributes.size(reply.getLong());
        }
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_UIDGID) != 0) {
            reply.getInt();
            reply.getInt();
        }
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS) != 0) {
            attributes.perms(reply.getInt());
        }
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_ACMODTIME) != 0) {
            reply.getUInt();
            attributes.modifyTime(FileTime.from(reply.getUInt(), TimeUnit.SECONDS));
        }
        return attributes;
    }

    /** Reads length, type and id; returns the type. */
    private static int header(Buffer reply) {
        reply.getInt();
        int type = reply.getUByte();
        reply.getInt();
        return type;
    }

    private static void throwIfError(Buffer reply) throws SftpException {
        int code = reply.getInt();
        if (code != SftpConstants.SSH_FX_OK) {
            String message = reply.available() > 0 ? reply.getString() : SftpConstants.getStatusName(code);
            throw new SftpException(code, message);
        }
    }
}
