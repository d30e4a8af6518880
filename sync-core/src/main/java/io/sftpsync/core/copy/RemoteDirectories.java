package io.sftpsync.core.copy;

import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.errors.SftpStatus;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Creates directories with mkdir -p semantics, remembering per pool which exist to save round trips. Below the
 * base path every component is looked at with lstat and a symbolic link is refused: a link placed at the sink
 * (by a local user, another tool) must not let a copy write outside the base path. The base path and what is
 * above it are the operator's choice and may be links.
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
        String base = s.basePath();
        Deque<String> missing = new ArrayDeque<>();
        List<String> checked = new ArrayList<>();
        for (String d = dir; d != null && !known.contains(d); d = parent(d)) {
            boolean below = below(d, base);
            SftpClient.Attributes a = statOrNull(s, d, below);
            if (a == null) {
                missing.push(d);
                continue;
            }
            requireDirectory(s, d, a);
            checked.add(d);
            if (!below) {
                break;
            }
            // lstat follows links in the components above: go on up to the base path, checking each.
        }
        known.addAll(checked);
        while (!missing.isEmpty()) {
            String d = missing.pop();
            try {
                client.mkdir(d);
            } catch (SftpException e) {
                // Another thread or process may have created it meanwhile: that is as good.
                SftpClient.Attributes a = statOrNull(s, d, below(d, s.basePath()));
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
        if (a.isSymbolicLink()) {
            throw new SftpOperationException(s.endpointName(), "creating directory", d,
                    "a symbolic link is in the way (links below the sink's base path are never written through)",
                    null);
        }
        if (!a.isDirectory()) {
            throw s.failure("creating directory", d, new SftpException(SftpConstants.SSH_FX_NOT_A_DIRECTORY,
                    "not a directory: a " + (a.isRegularFile() ? "file" : "non-directory") + " is in the way"));
        }
    }

    /** The attributes of a path, or null when nothing is there; lstat when {@code noFollow}. */
    private static SftpClient.Attributes statOrNull(SftpSession s, String path, boolean noFollow)
            throws IOException {
        try {
            return noFollow ? s.client().lstat(path) : s.client().stat(path);
        } catch (SftpException e) {
            if (SftpStatus.isMissing(e)) {
                return null;
            }
            throw s.failure("checking directory", path, e);
        } catch (IOException e) {
            throw s.failure("checking directory", path, e);
        }
    }

    /** Whether an absolute path is strictly below the base path. */
    private static boolean below(String path, String base) {
        return base.equals("/") ? !path.equals("/") : path.startsWith(base + "/");
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || path.equals("/")) {
            return null;
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }
}
