package io.sftpsync.core.listing;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.sshd.sftp.client.SftpClient;

/**
 * Finds the real path a symlink leads to, one component at a time with lstat and readlink, as realpath(3) does.
 * The client does it because servers differ: OpenSSH's realpath resolves links, MINA's only normalises the text,
 * and a containment check must not depend on which one answers.
 */
final class LinkResolver {

    /** Links followed at most for one path, as Linux's MAXSYMLINKS; more is a loop. */
    static final int MAX_LINKS = 40;

    private LinkResolver() {
    }

    /** More than {@link #MAX_LINKS} links on the way: a loop such as {@code a -> b, b -> a}. */
    static final class TooManyLinks extends IOException {
        TooManyLinks() {
            super("symlink loop: more than " + MAX_LINKS + " links on the way");
        }
    }

    /**
     * The real path of an entry of a directory.
     *
     * @param client  the channel
     * @param dirReal the real (link-free) absolute path of the directory holding the entry
     * @param name    the entry's name
     * @return the absolute path with no symlink in it
     * @throws TooManyLinks when the links do not end
     * @throws IOException  the server's refusal, e.g. no such file for a dangling link
     */
    static String realPath(SftpClient client, String dirReal, String name) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        todo.add(name);
        String resolved = dirReal;
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                resolved = parent(resolved);
                continue;
            }
            String candidate = resolved.equals("/") ? "/" + part : resolved + "/" + part;
            if (!client.lstat(candidate).isSymbolicLink()) {
                resolved = candidate;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new TooManyLinks();
            }
            String target = client.readLink(candidate);
            if (target.startsWith("/")) {
                resolved = "/";
            }
            String[] parts = target.split("/");
            for (int i = parts.length - 1; i >= 0; i--) {
                todo.addFirst(parts[i]);
            }
        }
        return resolved;
    }

    /** Whether a real path is the base path or below it. */
    static boolean inside(String real, String base) {
        return base.equals("/") || real.equals(base) || real.startsWith(base + "/");
    }

    private static String parent(String absolute) {
        int slash = absolute.lastIndexOf('/');
        return slash <= 0 ? "/" : absolute.substring(0, slash);
    }
}
