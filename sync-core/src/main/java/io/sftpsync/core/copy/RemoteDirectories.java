package io.sftpsync.core.copy;

import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Creates directories with mkdir -p semantics, remembering per pool which exist to save round trips.
 */
public final class RemoteDirectories {

    private RemoteDirectories() {
    }

    /**
     * Makes sure a directory and its parents exist.
     *
     * @param s   the channel
     * @param dir absolute directory
     * @throws IOException naming the directory, when it cannot be created or a file is in the way
     */
    public static void ensure(SftpSession s, String dir) throws IOException {
        ensure(s, dir, true);
    }

    private static void ensure(SftpSession s, String dir, boolean mayLookAgain) throws IOException {
        Set<String> known = s.knownDirectories();
        if (known.contains(dir)) {
            return;
        }
        SftpClient client = s.client();
        Deque<String> missing = new ArrayDeque<>();
        for (String d = dir; d != null && !known.contains(d); d = parent(d)) {
            SftpClient.Attributes a = statOrNull(s, d);
            if (a != null) {
                requireDirectory(s, d, a);
                known.add(d);
                break;
            }
            missing.push(d);
        }
        while (!missing.isEmpty()) {
            String d = missing.pop();
            try {
                client.mkdir(d);
            } catch (SftpException e) {
                // Another thread or process may have created it meanwhile: that is as good.
                SftpClient.Attributes a = statOrNull(s, d);
                if (a == null && mayLookAgain && SftpStatus.isMissing(e)) {
                    // A parent remembered as existing was removed since (by an operator, another tool): forget
                    // what this pool knows above it and look again from the top.
                    for (String p = parent(d); p != null; p = parent(p)) {
                        known.remove(p);
                    }
                    ensure(s, dir, false);
                    return;
                }
                if (a == null) {
                    throw s.failure("creating directory", d, e);
                }
                requireDirectory(s, d, a);
            } catch (IOException e) {
                throw s.failure("creating directory", d, e);
            }
            known.add(d);
        }
    }

    /** Forgets a directory, e.g. after the server said it does not exist (someone removed it). */
    public static void forget(SftpSession s, String dir) {
        s.knownDirectories().remove(dir);
    }

    private static void requireDirectory(SftpSession s, String d, SftpClient.Attributes a) throws IOException {
        if (!a.isDirectory()) {
            throw s.failure("creating directory", d, new SftpException(SftpConstants.SSH_FX_NOT_A_DIRECTORY,
                    "not a directory: a " + (a.isRegularFile() ? "file" : "non-directory") + " is in the way"));
        }
    }

    private static SftpClient.Attributes statOrNull(SftpSession s, String path) throws IOException {
        try {
            return s.client().stat(path);
        } catch (SftpException e) {
            if (SftpStatus.isMissing(e)) {
                return null;
            }
            throw s.failure("checking directory", path, e);
        } catch (IOException e) {
            throw s.failure("checking directory", path, e);
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.equals("/")) {
            return null;
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }
}
