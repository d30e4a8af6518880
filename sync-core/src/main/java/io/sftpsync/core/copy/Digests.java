package io.sftpsync.core.copy;

import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the digest every copy computes on the way and every verification compares. */
public final class Digests {

    private Digests() {
    }

    /** A new SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The lowercase hex of a digest's result; the digest is reset. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Streams a remote file and hashes it.
     *
     * @param pool         the server
     * @param relativePath the file, relative to the base path
     * @return lowercase hex SHA-256
     * @throws IOException naming the path when the file cannot be read
     */
    public static String sha256(SftpPool pool, String relativePath) throws IOException {
        RelativePath.check(relativePath);
        return pool.call(s -> sha256(s, s.resolve(relativePath)));
    }

    /**
     * Streams a remote file on a borrowed channel and hashes it.
     *
     * @param s    the channel
     * @param path the file's absolute path on that server
     * @return lowercase hex SHA-256
     * @throws IOException naming the path when the file cannot be read
     */
    public static String sha256(SftpSession s, String path) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = s.client().read(path, s.readSize())) {
            byte[] buffer = new byte[s.readSize()];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw s.failure("reading", path, e);
        }
        return hex(digest);
    }
}
