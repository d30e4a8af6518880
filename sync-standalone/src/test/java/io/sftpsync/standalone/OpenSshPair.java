package io.sftpsync.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two real OpenSSH sshd started by the project's own script (scripts/sftp-servers.sh), for end-to-end tests: a pair
 * of a test's own ({@link #start}), or the pair every end-to-end class of this JVM shares ({@link #shared}), each in a
 * directory of its own below both servers' {@code /upload} ({@link #tree}).
 */
final class OpenSshPair implements AutoCloseable {

    private static OpenSshPair shared;

    private final Path script;
    private final Path dir;
    final Map<String, String> env;
    /** The directory below {@code /upload} this view is confined to, or "" for the whole of it. */
    private final String tree;

    private OpenSshPair(Path script, Path dir, Map<String, String> env, String tree) {
        this.script = script;
        this.dir = dir;
        this.env = env;
        this.tree = tree;
    }

    /**
     * A pair of the caller's own.
     *
     * @param startOptions more options of the script's {@code start}, e.g. {@code --max-sessions 2}
     */
    static OpenSshPair start(Path projectRoot, Path preferredDir, String... startOptions) throws Exception {
        Path dir = chrootable(preferredDir);
        OpenSshPair pair = new OpenSshPair(projectRoot.resolve("scripts/sftp-servers.sh"), dir, new HashMap<>(), "");
        List<String> args = new java.util.ArrayList<>(List.of("start", "--clean", "--source-port",
                String.valueOf(LocalResources.freePort()), "--sink-port", String.valueOf(LocalResources.freePort())));
        args.addAll(List.of(startOptions));
        pair.run(args.toArray(String[]::new));
        for (String line : Files.readAllLines(dir.resolve("env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                pair.env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return pair;
    }

    /**
     * The pair the end-to-end classes of this JVM share, started on first use and stopped when the JVM ends: each
     * start costs seconds (users, host keys, two sshd), and the classes run one after another, each in its own
     * {@link #tree}. A class that stops or restarts a server starts it again before it ends.
     */
    static synchronized OpenSshPair shared() throws Exception {
        if (shared == null) {
            OpenSshPair pair = start(StandaloneJar.ROOT, StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-sftp"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pair.close();
                } catch (Exception e) {
                    // the JVM ends anyway; the next start of the script stops what is left
                }
            }));
            shared = pair;
        }
        return shared;
    }

    /**
     * This pair confined to {@code /upload/<name>} on both servers, emptied first: {@link #sourceRoot},
     * {@link #sinkRoot} and {@link #basePath} name it, so a test's tree, scans and snapshots are its own.
     */
    OpenSshPair tree(String name) throws IOException {
        OpenSshPair view = new OpenSshPair(script, dir, env, name);
        for (Path root : List.of(view.sourceRoot(), view.sinkRoot())) {
            LocalResources.deleteTree(root);
            Files.createDirectories(root);
        }
        // The sink's user writes below it, as it does in /upload itself.
        UserPrincipal sinkUser = view.sinkRoot().getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(get("SINK_USER"));
        Files.setOwner(view.sinkRoot(), sinkUser);
        return view;
    }

    /** The servers' base path for this view: {@code /upload}, or its tree below it. */
    String basePath() {
        return tree.isEmpty() ? "/upload" : "/upload/" + tree;
    }

    String get(String key) {
        return env.get(key);
    }

    /** This view's directory at the source, as a local path. */
    Path sourceRoot() {
        return Path.of(get("SOURCE_ROOT")).resolve(tree);
    }

    /** This view's directory at the sink, as a local path. */
    Path sinkRoot() {
        return Path.of(get("SINK_ROOT")).resolve(tree);
    }

    void run(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString(), args[0], "--dir",
                dir.toString()));
        cmd.addAll(List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("scripts/sftp-servers.sh " + String.join(" ", args) + " failed:\n" + out);
        }
    }

    /** Stops both servers; only for a pair of the test's own or the shared one, never for a tree of it. */
    @Override
    public void close() throws Exception {
        if (!tree.isEmpty()) {
            throw new IllegalStateException("a tree of the shared pair is not closed; the pair stops with the JVM");
        }
        run("stop");
    }

    /**
     * sshd chroots only below directories that are root-owned and writable by no one else; a checkout under
     * /tmp (mode 1777) has such an ancestor, so the servers then live under /var/lib instead.
     */
    static Path chrootable(Path preferred) throws IOException {
        Path absolute = preferred.toAbsolutePath().normalize();
        for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
            if (!Files.exists(p)) {
                continue;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            boolean othersWrite = perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE);
            if (othersWrite || !Files.getOwner(p).getName().equals("root")) {
                return Path.of("/var/lib/sftp-sync-tests", Integer.toHexString(absolute.toString().hashCode()));
            }
        }
        return absolute;
    }
}
