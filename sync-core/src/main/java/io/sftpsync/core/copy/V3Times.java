package io.sftpsync.core.copy;

import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.sftp.SftpSession;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Times as SFTP v3 carries them: unsigned 32-bit seconds, 1970-01-01 to 2106-02-07, which OpenSSH reads and
 * writes in full. MINA's client writes them as signed 32-bit and refuses anything after 2038-01-19, so a later
 * time is handed to it as the negative number with the same 32 bits. A time outside the range cannot be given to
 * the sink at all: that is a clear, final error for the one file, never a retry.
 */
final class V3Times {

    /** The last second SFTP v3 can carry: 2106-02-07T06:28:15Z. */
    static final long MAX_SECONDS = 0xFFFF_FFFFL;

    private V3Times() {
    }

    /**
     * Checks a time can be carried.
     *
     * @param seconds seconds since the epoch
     * @param dst     the sink's channel, to name it in the error
     * @param path    the file, for the error
     * @throws SftpOperationException when the time is before 1970 or after 2106
     */
    static long checked(long seconds, SftpSession dst, String path) throws SftpOperationException {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new SftpOperationException(dst.endpointName(), "setting the times of", path, "mtime "
                    + FileTime.from(seconds, TimeUnit.SECONDS) + " cannot be carried by SFTP v3 (it carries "
                    + "1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z)", null);
        }
        return seconds;
    }

    /** The time as MINA's client must be given it to put the right 32 bits on the wire. */
    static FileTime forMina(FileTime time, SftpSession dst, String path) throws SftpOperationException {
        long seconds = checked(time.to(TimeUnit.SECONDS), dst, path);
        return FileTime.from(seconds > Integer.MAX_VALUE ? seconds - (1L << 32) : seconds, TimeUnit.SECONDS);
    }
}
