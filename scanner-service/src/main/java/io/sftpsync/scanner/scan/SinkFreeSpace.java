package io.sftpsync.scanner.scan;

import io.sftpsync.core.sftp.SftpPool;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatExtensionInfo;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatPathExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's free space at its base path, from {@code statvfs@openssh.com} (OpenSSH offers it): what each scan's
 * summary carries for the anomaly service's RESOURCE_IMPACT. A base path that does not exist yet is measured at
 * its nearest existing parent, which is where its files will go. Unknown (null) when the sink does not offer the
 * extension or the question fails, said once in the log rather than on every scan.
 */
public final class SinkFreeSpace {

    static final String EXTENSION = "statvfs@openssh.com";

    private static final Logger log = LoggerFactory.getLogger(SinkFreeSpace.class);

    private final Supplier<SftpPool> sink;
    private final AtomicBoolean said = new AtomicBoolean();

    public SinkFreeSpace(Supplier<SftpPool> sink) {
        this.sink = sink;
    }

    /** Bytes available to the sink's user (f_bavail × f_frsize), or null when unknown. */
    public Long bytes() {
        SftpPool pool = sink.get();
        try {
            Long free = pool.call(dst -> ask(dst.client(), dst.basePath()));
            if (free == null && said.compareAndSet(false, true)) {
                log.info("the sink {} does not offer {}: scans report no free space, RESOURCE_IMPACT compares with"
                        + " sync.anomaly.resource.budget only", pool.endpoint().describe(), EXTENSION);
            }
            return free;
        } catch (IOException | RuntimeException e) {
            if (said.compareAndSet(false, true)) {
                log.warn("could not ask the sink {} for its free space ({}), scans report none: {}",
                        pool.endpoint().describe(), EXTENSION, e.toString());
            }
            return null;
        }
    }

    /** The free space below {@code path} or its nearest parent that exists; null when not offered. */
    static Long ask(SftpClient client, String path) throws IOException {
        OpenSSHStatPathExtension statvfs = client.getExtension(OpenSSHStatPathExtension.class);
        if (statvfs == null || !statvfs.isSupported()) {
            return null;
        }
        String at = path;
        while (true) {
            try {
                OpenSSHStatExtensionInfo info = statvfs.stat(at);
                long unit = info.f_frsize > 0 ? info.f_frsize : info.f_bsize;
                try {
                    long free = Math.multiplyExact(info.f_bavail, unit);
                    return free < 0 ? null : free;
                } catch (ArithmeticException tooLarge) {
                    return Long.MAX_VALUE;
                }
            } catch (IOException e) {
                int slash = at.lastIndexOf('/');
                if (slash < 0 || at.equals("/")) {
                    throw e;
                }
                at = slash == 0 ? "/" : at.substring(0, slash);
            }
        }
    }
}
