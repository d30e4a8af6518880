package io.sftpsync.core.copy;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.Handle;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * SFTP v3 requests sent without waiting for each reply, so several can be in flight on one channel: MINA's
 * SftpClient waits for every reply, which for a small file costs more than the bytes. Each method sends one
 * request and returns its id; {@link #expectOk} and {@link #expectAttributes} collect the replies.
 */
final class RawRequests {

    private final RawSftpClient raw;

    RawRequests(SftpClient client) {
        this.raw = (RawSftpClient) client;
    }

    int write(Handle handle, byte[] data, int length) throws IOException {
        Buffer b = new ByteArrayBuffer(length + handle.getIdentifier().length + 32, false);
        b.putBytes(handle.getIdentifier());
        b.putLong(0);
        b.putBytes(data, 0, length);
        return raw.send(SftpConstants.SSH_FXP_WRITE, b);
    }

    /** Sets atime and mtime together: SFTP v3 carries them as one pair. */
    int setTimes(Handle handle, long epochSeconds) throws IOException {
        Buffer b = new ByteArrayBuffer(handle.getIdentifier().length + 32, false);
        b.putBytes(handle.getIdentifier());
        b.putUInt(SftpConstants.SSH_FILEXFER_ATTR_ACMODTIME);
        b.putUInt(epochSeconds);
        b.putUInt(epochSeconds);
        return raw.send(SftpConstants.SSH_FXP_FSETSTAT, b);
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
     * Waits for an attributes reply and keeps the size and mtime.
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
            reply.getInt();
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
