package io.sftpsync.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Two real OpenSSH sshd started by the project's own script (scripts/sftp-servers.sh), for end-to-end tests. */
final class OpenSshPair implements AutoCloseable {

    private final Path script;
    private final Path dir;
    final Map<String, String> env = new HashMap<>();

    private OpenSshPair(Path script, Path dir) {
        this.script = script;
        this.dir = dir;
    }

    static OpenSshPair start(Path projectRoot, Path preferredDir) throws Exception {
        Path dir = chrootable(preferredDir);
        OpenSshPair pair = new OpenSshPair(projectRoot.resolve("scripts/sftp-servers.sh"), dir);
        pair.run("start", "--clean", "--source-port", String.valueOf(LocalResources.freePort()), "--sink-port",
                String.valueOf(LocalResources.freePort()));
        for (String line : Files.readAllLines(dir.resolve("env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                pair.env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return pair;
    }

    String get(String key) {
        return env.get(key);
    }

    Path sourceRoot() {
        return Path.of(get("SOURCE_ROOT"));
    }

    Path sinkRoot() {
        return Path.of(get("SINK_ROOT"));
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

    @Override
    public void close() throws Exception {
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
