package io.sftpsync.core.server;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Configures an {@link InProcessSftpServer}. */
public final class InProcessSftpServerBuilder {

    final Path root;
    String username = "test";
    String password = "test-secret";
    final Set<String> unlistable = new HashSet<>();
    final Set<String> refusedRenameTargets = new HashSet<>();
    int maxRequest = InProcessSftpServer.OPENSSH_MAX_REQUEST;
    final List<PublicKey> authorizedKeys = new ArrayList<>();
    boolean posixRename = true;
    boolean fsync = true;
    boolean statvfs = true;
    Long freeSpace;
    Path hostKeyFile;
    int port;

    InProcessSftpServerBuilder(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The one user and its password. */
    public InProcessSftpServerBuilder user(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        return this;
    }

    /**
     * Makes directories of a name unlistable, as a directory without read permission is (tests run as root,
     * which chmod cannot stop).
     */
    public InProcessSftpServerBuilder unlistable(String directoryName) {
        unlistable.add(directoryName);
        return this;
    }

    /** Refuses to rename a copy's temporary onto files of a name, at any depth, as a failing disk can. */
    public InProcessSftpServerBuilder refuseRenamingOnto(String fileName) {
        refusedRenameTargets.add(fileName);
        return this;
    }

    /** The largest read or write request served and announced (limits@openssh.com); 255 KiB unless set. */
    public InProcessSftpServerBuilder maxRequest(int bytes) {
        this.maxRequest = bytes;
        return this;
    }

    /** Does not offer posix-rename@openssh.com, as servers other than OpenSSH may not. */
    public InProcessSftpServerBuilder withoutPosixRename() {
        this.posixRename = false;
        return this;
    }

    /** Does not offer fsync@openssh.com, as servers other than OpenSSH may not. */
    public InProcessSftpServerBuilder withoutFsync() {
        this.fsync = false;
        return this;
    }

    /** Does not offer statvfs@openssh.com, as servers other than OpenSSH may not. */
    public InProcessSftpServerBuilder withoutStatvfs() {
        this.statvfs = false;
        return this;
    }

    /**
     * Answers statvfs@openssh.com with this much free space (whole 4 KiB blocks) instead of the file store's, so a
     * test knows the number.
     */
    public InProcessSftpServerBuilder freeSpace(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("freeSpace must be >= 0, was " + bytes);
        }
        this.freeSpace = bytes;
        return this;
    }

    /** Also lets the user in with a key. */
    public InProcessSftpServerBuilder authorizedKey(PublicKey key) {
        authorizedKeys.add(key);
        return this;
    }

    /** Keeps the host key in a file, generated on first start, so clients trust it across restarts. */
    public InProcessSftpServerBuilder hostKeyFile(Path file) {
        this.hostKeyFile = file;
        return this;
    }

    /** A fixed port on 127.0.0.1; 0 (the default) picks a free one. */
    public InProcessSftpServerBuilder port(int port) {
        this.port = port;
        return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server
     * @throws IOException when the root or the host key cannot be created, or no port bound
     */
    public InProcessSftpServer start() throws IOException {
        InProcessSftpServer server = new InProcessSftpServer(this);
        server.start();
        return server;
    }
}
